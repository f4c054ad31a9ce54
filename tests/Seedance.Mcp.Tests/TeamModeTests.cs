using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Client;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// <c>--team</c> through the built server process: an OpenID Connect issuer on loopback (discovery and keys) signs tokens for
/// two team members; the server accepts them, names the issuer in its protected-resource metadata, pays with the operator's
/// one key, keeps each member's work apart, holds the daily budget per member, and refuses a token it did not issue.
/// </summary>
public sealed class TeamModeTests : IAsyncLifetime
{
    private const string Audience = "seedance-team";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-team", Guid.NewGuid().ToString("N"));
    private readonly RSA _signingKey = RSA.Create(2048);
    private WebApplication _issuer = null!;
    private string _authority = null!;
    private SeedanceSandbox _sandbox = null!;
    private HttpServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _issuer = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_signingKey.ExportParameters(false)) { KeyId = "team-key" });
        _issuer.MapGet("/.well-known/openid-configuration", (HttpContext context) => context.Response.WriteAsync(new JsonObject
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = _authority + "/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString()));
        _issuer.MapGet("/keys", (HttpContext context) => context.Response.WriteAsync(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E }),
        }.ToJsonString()));
        await _issuer.StartAsync();
        _authority = _issuer.Urls.First().TrimEnd('/');

        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { ApiKey = "sk-operator-key-000000", TaskDuration = TimeSpan.FromSeconds(30), RenderClips = false });
        _server = await HttpServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["SEEDANCE_API_KEY"] = _sandbox.ApiKey,
            ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            ["SEEDANCE_DAILY_BUDGET_USD"] = "1.00",
            ["SEEDANCE_OIDC_AUTHORITY"] = _authority,
            ["SEEDANCE_OIDC_AUDIENCE"] = Audience,
        }, "--team");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sandbox.DisposeAsync();
        await _issuer.DisposeAsync();
        _signingKey.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task TeamMembers_SignedIn_PaidByTheOperatorKey_ApartAndEachWithTheirOwnBudget()
    {
        await using var alice = await ConnectAsync(Token("alice"));
        await using var bob = await ConnectAsync(Token("bob"));

        var first = await alice.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "alice's clip", ["duration"] = 4 });
        var second = await alice.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "alice's second", ["duration"] = 4 });
        var bobs = await bob.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "bob's clip", ["duration"] = 4 });

        Assert.NotEqual(true, first.IsError);
        Assert.True(second.IsError, "a $0.78 clip on top of $0.78 must not pass a $1.00 daily budget");
        Assert.NotEqual(true, bobs.IsError);
        Assert.Equal(2, _sandbox.Counters.TasksCreated);
        var aliceTask = first.StructuredContent!.Value.GetProperty("task_id").GetString()!;
        var bobList = JsonSerializer.Serialize(await bob.CallToolAsync("list_tasks", new Dictionary<string, object?>()));
        Assert.DoesNotContain(aliceTask, bobList, StringComparison.Ordinal);
        Assert.Contains(aliceTask, JsonSerializer.Serialize(await alice.CallToolAsync("list_tasks", new Dictionary<string, object?>())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_401NamingTheIssuer_ForeignTokenRefused()
    {
        using var http = new HttpClient();
        var refused = await http.PostAsync(_server.Endpoint, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var metadataUrl = System.Text.RegularExpressions.Regex.Match(refused.Headers.WwwAuthenticate.ToString(), "resource_metadata=\"([^\"]+)\"").Groups[1].Value;
        var metadata = JsonNode.Parse(await http.GetStringAsync(metadataUrl))!;
        Assert.Equal(_authority, metadata["authorization_servers"]![0]!.GetValue<string>());

        using var stranger = RSA.Create(2048);
        using var forged = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token("mallory", stranger));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forged)).StatusCode);
        using var wrongAudience = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        wrongAudience.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token("alice", audience: "another-app"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongAudience)).StatusCode);
    }

    private string Token(string subject, RSA? key = null, string audience = Audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _authority,
        Audience = audience,
        Claims = new Dictionary<string, object> { ["sub"] = subject },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? _signingKey) { KeyId = "team-key" }, SecurityAlgorithms.RsaSha256),
    });

    private Task<McpClient> ConnectAsync(string token) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = _server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }));
}
