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

    /// <summary>The first protocol revision with multi round-trip requests (and without <c>initialize</c>).</summary>
    internal const string MultiRoundTripRevision = "2026-07-28";

    /// <summary>
    /// The approver for this call: a multi round-trip question when the request is on a revision that has them
    /// (2026-07-28 or later, whatever the transport); elicitation where the session can carry a request to the client
    /// (stdio, an HTTP session opened by <c>initialize</c>); null when the client declared no way to be asked.
    /// </summary>
    /// <remarks>
    /// A 2026-07-28 request must not be asked by <see cref="McpServer.ElicitAsync"/> over stateless HTTP: SDK 2.4.0
    /// reports the request's own capabilities there (so elicitation looks possible) and then throws "Elicitation is not
    /// supported in stateless mode". The question goes back as an input-required result instead, which the client
    /// answers by calling again.
    /// </remarks>
    public static IPaidCallApprover? For(RequestContext<CallToolRequestParams>? request)
    {
        var server = request?.Server;
        if (server is null)
        {
            return null;
        }

        var context = request!.JsonRpcRequest.Context;
        if (IsMultiRoundTrip(context?.ProtocolVersion ?? server.NegotiatedProtocolVersion) && server.IsMrtrSupported)
        {
            // 2026-07-28 clients declare their capabilities on each request.
            return CanAnswerForms(context?.ClientCapabilities ?? server.ClientCapabilities) ? new MrtrPaidCallApprover(request) : null;
        }

        return CanAnswerForms(server.ClientCapabilities) ? new McpPaidCallApprover(server) : null;
    }

    internal static bool IsMultiRoundTrip(string? protocolVersion) =>
        protocolVersion is not null && string.CompareOrdinal(protocolVersion, MultiRoundTripRevision) >= 0;

    public async ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
    {
        ElicitResult result;
        try
        {
            result = await server.ElicitAsync(Question(quote), cancellationToken);
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

        return Decide(result);
    }

    /// <summary>The question for <paramref name="quote"/>: its message and one required yes/no field.</summary>
    internal static ElicitRequestParams Question(PaidCallQuote quote) => new()
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
    };

    /// <summary>What the user's answer means, however it reached the server.</summary>
    internal static PaidCallDecision Decide(ElicitResult result) => result.Action switch
    {
        "accept" => result.Content is { } content && content.TryGetValue(ConfirmField, out var value) && IsYes(value)
            ? PaidCallDecision.Approved
            : PaidCallDecision.Declined,
        "decline" => PaidCallDecision.Declined,
        _ => PaidCallDecision.Cancelled,
    };

    // Only a clear yes spends: true, or the text "true" from clients that send form values as strings. "false", "no", a
    // number or a missing field is not a yes.
    private static bool IsYes(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.String => string.Equals(value.GetString()?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool CanAnswerForms(ClientCapabilities? capabilities) =>
        capabilities?.Elicitation is { } elicitation && (elicitation.Form is not null || elicitation.Url is null);
}
