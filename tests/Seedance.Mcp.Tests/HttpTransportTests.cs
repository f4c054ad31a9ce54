using System.Net;
using System.Text;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Tests;

public sealed class HttpTransportTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private static HttpRequestMessage Post(Uri endpoint, Action<HttpRequestMessage>? edit = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        edit?.Invoke(request);
        return request;
    }

    [Fact]
    public async Task ForeignHostHeader_Refused()
    {
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Host = "evil.example.com"));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Fact]
    public async Task ForeignOrigin_Refused()
    {
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Add("Origin", "https://evil.example.com")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task LocalOrigin_Accepted()
    {
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Add("Origin", "http://localhost:6274")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_RequiredWhenConfigured()
    {
        const string token = "test-token-0123456789abcdef";
        await using var f = await McpServerFixture.StartAsync(token: token);
        using var http = new HttpClient();

        var without = await http.SendAsync(Post(f.Endpoint));
        var wrong = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Authorization = new("Bearer", "nope-nope-nope-nope")));
        var right = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Authorization = new("Bearer", token)));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(4, (await f.Client.ListToolsAsync()).Count);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("::")]
    public void NonLoopbackWithoutToken_RefusesToStart(string host)
    {
        var settings = ServerSettings.Parse(["--http", "--host", host], _ => null);

        Assert.Contains("without a token", settings.Refusal(), StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackWithToken_Starts()
    {
        var settings = ServerSettings.Parse(["--http", "--host", "0.0.0.0"], name => name == "SEEDANCE_MCP_TOKEN" ? "a-long-enough-token-123" : null);

        Assert.Null(settings.Refusal());
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--bogus")]
    [InlineData("--port")]
    public void BadArguments_NameTheOption(params string[] args) =>
        Assert.Contains(args[0], Assert.Throws<ArgumentException>(() => ServerSettings.Parse(args, _ => null)).Message, StringComparison.Ordinal);

    [Fact]
    public void SandboxFromEnvironment() => Assert.True(ServerSettings.Parse([], name => name == "SEEDANCE_SANDBOX" ? "1" : null).Sandbox);
}
