using System.Globalization;

namespace Seedance.Sandbox.Faults;

/// <summary>
/// One fault to act out on the next <see cref="Count"/> matching calls. Text form (options, command line and
/// the <c>X-Sandbox-Fault</c> header): <c>[endpoint/]kind[:argument][*count]</c>, for example <c>status/429:2*3</c>,
/// <c>submit/drop</c>, <c>500</c>, <c>latency:1500</c>, <c>fail</c>, <c>estimate:10</c>, <c>echo-key:401</c>,
/// <c>files/throttle:262144</c>, <c>files/stall</c>, <c>files/html</c>, <c>files/empty</c>, <c>files/redirect-file</c>,
/// <c>submit/busy:2</c>, <c>models/500*99</c>.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Endpoint">Where.</param>
/// <param name="Argument">Seconds, milliseconds or a factor, depending on the kind.</param>
/// <param name="Count">How many matching calls it applies to.</param>
public sealed record FaultRule(FaultKind Kind, FaultEndpoint Endpoint = FaultEndpoint.Any, double? Argument = null, int Count = 1)
{
    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["429"] = FaultKind.RateLimit, ["rate-limit"] = FaultKind.RateLimit,
        ["500"] = FaultKind.ServerError, ["502"] = FaultKind.BadGateway,
        ["latency"] = FaultKind.Latency, ["slow"] = FaultKind.Latency,
        ["drop"] = FaultKind.Drop, ["malformed"] = FaultKind.Malformed, ["truncated"] = FaultKind.Truncated,
        ["fail"] = FaultKind.FailTask, ["estimate"] = FaultKind.EstimateSkew,
        ["echo-key"] = FaultKind.EchoKey, ["throttle"] = FaultKind.Throttle, ["stall"] = FaultKind.Stall,
        ["html"] = FaultKind.Html, ["empty"] = FaultKind.Empty, ["redirect-file"] = FaultKind.RedirectFile,
        ["busy"] = FaultKind.Busy,
    };

    /// <summary>Parses one rule; throws <see cref="FormatException"/> naming what was wrong.</summary>
    public static FaultRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        var count = 1;
        var star = rest.LastIndexOf('*');
        if (star >= 0)
        {
            if (!int.TryParse(rest[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)
            {
                throw new FormatException($"fault '{text}': the count after '*' must be a positive integer.");
            }

            rest = rest[..star];
        }

        var endpoint = FaultEndpoint.Any;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!Enum.TryParse(rest[..slash], ignoreCase: true, out endpoint) || !Enum.IsDefined(endpoint))
            {
                throw new FormatException($"fault '{text}': unknown endpoint '{rest[..slash]}' (allowed: any, submit, status, upload, balance, files, models).");
            }

            rest = rest[(slash + 1)..];
        }

        double? argument = null;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!double.TryParse(rest[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new FormatException($"fault '{text}': the argument after ':' must be a non-negative number.");
            }

            argument = value;
            rest = rest[..colon];
        }

        if (!Kinds.TryGetValue(rest, out var kind))
        {
            throw new FormatException($"fault '{text}': unknown kind '{rest}' (allowed: {string.Join(", ", Kinds.Keys)}).");
        }

        if (kind == FaultKind.Throttle && argument is not > 0)
        {
            throw new FormatException($"fault '{text}': throttle needs a rate in bytes per second, e.g. files/throttle:262144.");
        }

        if (IsFileOnly(kind) && endpoint is not (FaultEndpoint.Any or FaultEndpoint.Files))
        {
            throw new FormatException($"fault '{text}': '{rest}' applies to result files only (files/{rest}).");
        }

        return new FaultRule(kind, endpoint, argument, count);
    }

    /// <summary>Parses a comma-separated list of rules.</summary>
    public static IReadOnlyList<FaultRule> ParseList(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();

    /// <summary>
    /// Whether this rule applies to calls of <paramref name="endpoint"/>. Result files take only rules that name them or
    /// file-only kinds; the provider's endpoints never take file-only kinds.
    /// </summary>
    public bool Matches(FaultEndpoint endpoint) => endpoint switch
    {
        FaultEndpoint.Files => Endpoint == FaultEndpoint.Files || (Endpoint == FaultEndpoint.Any && IsFileOnly(Kind)),
        // The model facts are read in the background: a fault meant for the calls a test makes must not be spent on them.
        FaultEndpoint.Models => Endpoint == FaultEndpoint.Models && !IsFileOnly(Kind),
        _ => !IsFileOnly(Kind) && (Endpoint == FaultEndpoint.Any || Endpoint == endpoint),
    };

    /// <summary>The kinds that only make sense for a file download.</summary>
    public static bool IsFileOnly(FaultKind kind) =>
        kind is FaultKind.Throttle or FaultKind.Stall or FaultKind.Html or FaultKind.Empty or FaultKind.RedirectFile;
}
