using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// How long after the question an answer still counts: the longest call (55 s) less what the submit needs, as for a question
    /// asked inside one call. The answer round is a new request with a clock of its own, so the time must travel in the state.
    /// </summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromSeconds(55 - 8);

    // Signs the time the question was asked, so a client cannot move it. Per process unless the server has a secret shared
    // by its instances (multi-user hosting: UseSharedKey), so an answer reaching another instance behind a balancer counts.
    private static byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>Signs request states with <paramref name="key"/> (derived from the secret every instance shares).</summary>
    internal static void UseSharedKey(byte[] key) => Key = key;

    public ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
    {
        var parameters = request.Params;
        var now = DateTimeOffset.UtcNow;
        if (parameters?.RequestState is { } state && AskedAt(quote, state) is { } asked && parameters.InputResponses is { } responses
            && responses.TryGetValue(InputKey, out var response) && response.Deserialize(InputResponse.ElicitResultJsonTypeInfo) is { } answer)
        {
            // A yes after the call would have had to give the question up sends nothing, exactly as within one call.
            return ValueTask.FromResult(now - asked > AnswerWindow || now < asked ? PaidCallDecision.Late : McpPaidCallApprover.Decide(answer));
        }

        // Not answered for this exact call yet: ask, and end this round with nothing sent (the tool then returns the
        // question instead of its result).
        Pending = new InputRequiredResult
        {
            InputRequests = new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(McpPaidCallApprover.Question(quote)) },
            RequestState = StateFor(quote, now),
        };
        return ValueTask.FromResult(PaidCallDecision.Cancelled);
    }

    /// <summary>"confirm-v2.&lt;asked at, unix ms&gt;.&lt;HMAC of the call and that time&gt;": binds the answer to this exact call and when it was asked.</summary>
    private string StateFor(PaidCallQuote quote, DateTimeOffset askedAt)
    {
        var ms = askedAt.ToUnixTimeMilliseconds();
        return $"confirm-v2.{ms}.{Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(Text(quote) + "\n" + ms)))}";
    }

    /// <summary>When the question behind <paramref name="state"/> was asked, when the state is this server's for this exact call; else null.</summary>
    private DateTimeOffset? AskedAt(PaidCallQuote quote, string state)
    {
        var parts = state.Split('.');
        if (parts.Length != 3 || parts[0] != "confirm-v2" || !long.TryParse(parts[1], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var ms) || ms > 253402300799999)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(Text(quote) + "\n" + ms));
        byte[] given;
        try
        {
            given = Convert.FromHexString(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private string Text(PaidCallQuote quote)
    {
        var arguments = ArgumentsText(request.Params?.Arguments);
        // The caller is part of it: one caller's signed state is worth nothing to another.
        return string.Join('\n', "seedance-confirm-v2", Seedance.Client.Callers.SeedanceCaller.Current.Owner, request.Params?.Name, arguments, quote.Tool, quote.Model, quote.DurationSeconds, quote.Resolution,
            quote.Size, quote.GenerateAudio, quote.Shots, quote.Estimate.Usd?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // The call's arguments as the text of one JSON object, in the order given (absent arguments: an empty object).
    private static string ArgumentsText(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(name);
                if (value.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
