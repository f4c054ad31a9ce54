using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents.Spending;

namespace Seedance.Mcp.Tools;

/// <summary>
/// Asks the user to confirm a paid call through a multi round-trip request (MCP 2026-07-28, served statelessly, so any
/// instance behind a load balancer can take the retry): the first round ends with nothing sent and leaves
/// <see cref="Pending"/>, which the tool returns as an input-required result; the client asks the user and calls the tool
/// again with the answer and the request state, which binds that answer to the same tool, arguments and price.
/// </summary>
internal sealed class MrtrPaidCallApprover(RequestContext<CallToolRequestParams> request) : IPaidCallApprover
{
    /// <summary>The key of the question in <c>inputRequests</c> and of its answer in <c>inputResponses</c>.</summary>
    public const string InputKey = "seedance_confirm_price";

    /// <summary>The question to send back when this round had to ask; null when it was answered or never asked.</summary>
    public InputRequiredResult? Pending { get; private set; }

    public ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
    {
        var state = StateFor(quote);
        var parameters = request.Params;
        if (parameters?.RequestState == state && parameters.InputResponses is { } responses && responses.TryGetValue(InputKey, out var response)
            && response.Deserialize(InputResponse.ElicitResultJsonTypeInfo) is { } answer)
        {
            return ValueTask.FromResult(McpPaidCallApprover.Decide(answer));
        }

        // Not answered for this exact call yet: ask, and end this round with nothing sent (the tool then returns the
        // question instead of its result).
        Pending = new InputRequiredResult
        {
            InputRequests = new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(McpPaidCallApprover.Question(quote)) },
            RequestState = state,
        };
        return ValueTask.FromResult(PaidCallDecision.Cancelled);
    }

    /// <summary>A digest of the tool, its arguments and the quoted price: an answer counts only for the call it was given for.</summary>
    private string StateFor(PaidCallQuote quote)
    {
        var arguments = SeedanceMcpFunction.ToJson(request.Params?.Arguments).GetRawText();
        var text = string.Join('\n', "seedance-confirm-v1", request.Params?.Name, arguments, quote.Tool, quote.Model, quote.DurationSeconds, quote.Resolution,
            quote.Size, quote.GenerateAudio, quote.Shots, quote.Estimate.Usd?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "confirm-v1." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
