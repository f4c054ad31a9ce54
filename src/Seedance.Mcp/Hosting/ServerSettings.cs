using System.Globalization;
using System.Net;

namespace Seedance.Mcp.Hosting;

/// <summary>How this server runs, from the command line and the environment.</summary>
internal sealed record ServerSettings
{
    public const int DefaultPort = 3001;

    public bool Http { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    public string? Token { get; init; }

    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Browser origins allowed besides the server's own (--allowed-origins or SEEDANCE_MCP_ALLOWED_ORIGINS, comma-separated).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public bool Sandbox { get; init; }

    /// <summary>
    /// Serves many users (--multi-user or SEEDANCE_MULTI_USER=1): each request's bearer token is the caller's own provider key,
    /// and everything a caller makes is theirs alone.
    /// </summary>
    public bool MultiUser { get; init; }

    /// <summary>
    /// Team mode (--team or SEEDANCE_TEAM=1): callers sign in with an OpenID Connect issuer (SEEDANCE_OIDC_AUTHORITY,
    /// SEEDANCE_OIDC_AUDIENCE) and send its JWT as the bearer; the operator's one key pays; each user is the token's subject.
    /// </summary>
    public bool Team { get; init; }

    /// <summary>True when the server serves many users (its own keys, or a team's tokens).</summary>
    public bool Hosted => MultiUser || Team;

    /// <summary>Origins the player view may load videos from, beyond those the server learns (SEEDANCE_MEDIA_ORIGINS, comma-separated).</summary>
    public IReadOnlyList<string> MediaOrigins { get; init; } = [];

    public bool Help { get; init; }

    public bool Version { get; init; }

    public bool IsWildcard => Host.Trim('[', ']') is "0.0.0.0" or "::" or "*" or "+";

    public bool IsLoopback => Host is "localhost" || (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public const string Usage = """
        seedance-mcp: an MCP server for ByteDance Seedance 2.0 video generation (APIMart API).

        Usage: seedance-mcp [--http [--port N] [--host ADDRESS] [--token TOKEN | --multi-user] [--allowed-hosts a,b] [--allowed-origins o,p]] [--sandbox]

          (no option)        serve MCP over stdio (what Claude Desktop, Claude Code, VS Code and Cursor launch)
          --http             serve Streamable HTTP at http://HOST:PORT/mcp instead
          --port N           HTTP port (default 3001)
          --host ADDRESS     HTTP bind address (default 127.0.0.1); any non-loopback address needs a token
          --token TOKEN      require "Authorization: Bearer TOKEN" on HTTP (or set SEEDANCE_MCP_TOKEN)
          --multi-user       serve many users: each request's "Authorization: Bearer KEY" is the caller's own APIMart key
                             (or SEEDANCE_MULTI_USER=1); owner ids are keyed by SEEDANCE_SERVER_SECRET
          --team             serve a team: callers send a JWT from SEEDANCE_OIDC_AUTHORITY (audience SEEDANCE_OIDC_AUDIENCE);
                             the server's own key pays; SEEDANCE_DAILY_BUDGET_USD is per user (or SEEDANCE_TEAM=1)
          --allowed-hosts    extra Host names accepted on HTTP (DNS-rebinding protection allows only these)
          --allowed-origins  browser origins (https://app.example.com) allowed on HTTP besides the server's own
          --sandbox          use the built-in local sandbox instead of the real API (or SEEDANCE_SANDBOX=1)
          --version, --help

        Environment: SEEDANCE_API_KEY (or APIMART_API_KEY), SEEDANCE_BASE_URL, SEEDANCE_OUTPUT_DIR, SEEDANCE_JOURNAL,
        SEEDANCE_DOWNLOAD=0, SEEDANCE_ALLOWED_DIRS, SEEDANCE_SANDBOX=1, SEEDANCE_MCP_TOKEN, SEEDANCE_MCP_ALLOWED_ORIGINS, SEEDANCE_CONFIRM_ABOVE_USD,
        SEEDANCE_DAILY_BUDGET_USD, SEEDANCE_MEDIA_ORIGINS (where the in-chat player may load videos from).
        Logs go to stderr; stdout carries only the protocol.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static ServerSettings Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var settings = new ServerSettings
        {
            Token = NullIfEmpty(environment("SEEDANCE_MCP_TOKEN")),
            Sandbox = environment("SEEDANCE_SANDBOX") is { } flag && flag.Trim() is "1" or "true" or "True" or "yes",
            MultiUser = environment("SEEDANCE_MULTI_USER") is { } multi && multi.Trim() is "1" or "true" or "True" or "yes",
            Team = environment("SEEDANCE_TEAM") is { } team && team.Trim() is "1" or "true" or "True" or "yes",
            MediaOrigins = ParseOrigins(environment("SEEDANCE_MEDIA_ORIGINS"), "SEEDANCE_MEDIA_ORIGINS"),
            AllowedOrigins = ParseOrigins(environment("SEEDANCE_MCP_ALLOWED_ORIGINS"), "SEEDANCE_MCP_ALLOWED_ORIGINS"),
        };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"{arg} needs a value. See --help.");
            settings = arg switch
            {
                "--http" => settings with { Http = true },
                "--stdio" => settings with { Http = false },
                "--sandbox" => settings with { Sandbox = true },
                "--multi-user" => settings with { MultiUser = true },
                "--team" => settings with { Team = true },
                "--port" => settings with { Port = ParsePort(Value()) },
                "--host" => settings with { Host = Value() },
                "--token" => settings with { Token = NullIfEmpty(Value()) },
                "--allowed-origins" => settings with { AllowedOrigins = ParseOrigins(Value(), "--allowed-origins") },
                "--allowed-hosts" => settings with { AllowedHosts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--help" or "-h" => settings with { Help = true },
                "--version" => settings with { Version = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'. See --help."),
            };
        }

        return settings;
    }

    /// <summary>Problems that stop the server from starting safely.</summary>
    public string? Refusal()
    {
        if (Hosted && !Http)
        {
            return "--multi-user and --team serve HTTP: add --http (a stdio server has one user, the one who launched it).";
        }

        if (MultiUser && Team)
        {
            return "Choose --multi-user (each caller's own key) or --team (sign-in tokens, the operator's key), not both.";
        }

        if (Hosted && Token is not null)
        {
            return "--multi-user and --team authenticate each caller by their bearer token, so a server token (SEEDANCE_MCP_TOKEN, --token) cannot be used with them.";
        }

        // Hosted, every request is authenticated as its caller.
        if (Http && !IsLoopback && Token is null && !Hosted)
        {
            return $"Refusing to serve HTTP on {Host} without a token: anyone who can reach it could spend your balance. "
                + "Set SEEDANCE_MCP_TOKEN (or --token), or bind 127.0.0.1.";
        }

        if (Token is { Length: < 16 })
        {
            return "The HTTP token must be at least 16 characters.";
        }

        return null;
    }

    /// <summary>Each entry as an http(s) origin (scheme, host, port); anything else is refused, naming the entry.</summary>
    private static string[] ParseOrigins(string? text, string setting) => (text ?? string.Empty)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(entry => Uri.TryCreate(entry, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.Fragment) && !entry.Contains(';', StringComparison.Ordinal)
            && !entry.Contains(' ', StringComparison.Ordinal)
                ? uri.GetLeftPart(UriPartial.Authority)
                : throw new ArgumentException($"{setting} must list origins such as https://cdn.example.com, separated by commas; given: '{entry}'."))
        .ToArray();

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"--port must be 0 to 65535; given '{text}'.");

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
