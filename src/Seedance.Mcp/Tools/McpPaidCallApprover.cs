using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents.Spending;

namespace Seedance.Mcp.Tools;

/// <summary>
/// Asks the user to confirm a paid call through MCP elicitation (form mode): the message names model, length, resolution
/// and price; the form holds one yes/no field. Only accept with confirm true (or the text "true") approves; anything else does not.
/// </summary>
internal sealed class McpPaidCallApprover(McpServer server) : IPaidCallApprover
{
    public const string ConfirmField = "confirm";

    /// <summary>An approver for this call when the client declared form elicitation; null when it cannot be asked.</summary>
    public static McpPaidCallApprover? For(McpServer? server) =>
        server?.ClientCapabilities?.Elicitation is { } elicitation && (elicitation.Form is not null || elicitation.Url is null) ? new(server) : null;

    public async ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
    {
        ElicitResult result;
        try
        {
            result = await server.ElicitAsync(new ElicitRequestParams
            {
                Mode = "form",
                Message = quote.Message,
                RequestedSchema = new ElicitRequestParams.RequestSchema
                {
                    Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                    {
                        [ConfirmField] = new ElicitRequestParams.BooleanSchema
                        {
                            Title = "Start this paid video",
                            Description = quote.Estimate.Usd is { } usd ? $"About {CostEstimate.Money(usd)} will be charged." : "The price is not known.",
                            Default = true,
                        },
                    },
                    Required = [ConfirmField],
                },
            }, cancellationToken);
        }
        catch (McpException)
        {
            // The client said it can be asked but answered with an error: do not spend on an unanswered question.
            return PaidCallDecision.Failed;
        }
        catch (InvalidOperationException)
        {
            // This session cannot carry a request to the client (a stateless HTTP session): as if it could not be asked.
            return PaidCallDecision.Unavailable;
        }

        return result.Action switch
        {
            "accept" => result.Content is { } content && content.TryGetValue(ConfirmField, out var value) && IsYes(value)
                ? PaidCallDecision.Approved
                : PaidCallDecision.Declined,
            "decline" => PaidCallDecision.Declined,
            _ => PaidCallDecision.Cancelled,
        };
    }

    // Only a clear yes spends: true, or the text "true" from clients that send form values as strings. "false", "no", a
    // number or a missing field is not a yes.
    private static bool IsYes(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.String => string.Equals(value.GetString()?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
