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
    public async Task OwnOrigin_Accepted()
    {
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Add("Origin", $"http://localhost:{f.Endpoint.Port}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:6274")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("null")]
    public async Task LocalOriginOnAnotherPort_Refused(string origin)
    {
        // Another port on this machine is another program (any local web page): it must not drive this server.
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Add("Origin", origin)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ConfiguredOrigin_Accepted()
    {
        var settings = ServerSettings.Parse(["--http", "--allowed-origins", "http://localhost:6274"], _ => null);
        await using var f = await McpServerFixture.StartAsync(allowedOrigins: settings.AllowedOrigins);
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r => r.Headers.Add("Origin", "http://localhost:6274")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task PostWithoutJsonContentType_415WithoutStackTrace(string? contentType)
    {
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Post(f.Endpoint, r =>
        {
            r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Initialize));
            if (contentType is not null)
            {
                r.Content.Headers.ContentType = new(contentType);
            }
        }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.True(body.Length < 300, body);
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
        Assert.Equal(8, (await f.Client.ListToolsAsync()).Count);
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

public sealed class HttpTransportBindingTests
{
    [Fact]
    public async Task AllInterfacesWithToken_LocalCallerNeedsTheToken()
    {
        const string token = "bind-all-token-0123456789";
        var root = Path.Combine(Path.GetTempPath(), "seedance-bind-all", Guid.NewGuid().ToString("N"));
        var app = SeedanceMcpServer.BuildHttp(new ServerSettings { Http = true, Host = "0.0.0.0", Port = 0, Sandbox = true, Token = token },
            new Dictionary<string, string?> { ["SEEDANCE_JOURNAL"] = Path.Combine(root, "j.db"), ["SEEDANCE_OUTPUT_DIR"] = root });
        await app.StartAsync();
        try
        {
            var address = app.Urls.Count > 0 ? app.Urls.First() : throw new InvalidOperationException();
            var port = new Uri(((Microsoft.AspNetCore.Hosting.Server.IServer)app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer))!)
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
            var endpoint = new Uri($"http://127.0.0.1:{port}/mcp");
            using var http = new HttpClient();

            var without = await http.SendAsync(Post(endpoint));
            var with = await http.SendAsync(Post(endpoint, r => r.Headers.Authorization = new("Bearer", token)));
            var evil = await http.SendAsync(Post(endpoint, r =>
            {
                r.Headers.Authorization = new("Bearer", token);
                r.Headers.Host = "rebind.evil.example";
            }));

            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
            Assert.Equal(HttpStatusCode.MisdirectedRequest, evil.StatusCode);

            // Remote callers may not pick files from the server's disk unless the operator named folders.
            var image = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), $"seedance-test-{Guid.NewGuid():N}.png");
            await File.WriteAllBytesAsync(image, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
            try
            {
                await using var client = await McpServerFixture.ConnectAsync(endpoint, token);
                var refused = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "x", ["image_urls"] = new[] { image } });
                Assert.True(refused.IsError);
                Assert.Contains("switched off", string.Join(" ", refused.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text)),
                    StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(image);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task OversizedRequestBody_Refused()
    {
        await using var f = await McpServerFixture.StartAsync();
        using var http = new HttpClient();
        var huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"generate_video\",\"arguments\":{\"prompt\":\"" + new string('x', 5 * 1024 * 1024) + "\"}}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, f.Endpoint) { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        // Kestrel answers 413 as soon as it sees the length, and may close the socket while the body is still being
        // sent; either way the body is not read, and the server keeps serving.
        try
        {
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
        }

        Assert.Equal(8, (await f.Client.ListToolsAsync()).Count);
    }

    private static HttpRequestMessage Post(Uri endpoint, Action<HttpRequestMessage>? edit = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        edit?.Invoke(request);
        return request;
    }
}

public sealed class StartupValidationTests
{
    [Fact]
    public void WrongSettings_FailAtStartNamingEach()
    {
        var ex = Assert.Throws<Seedance.Client.Errors.SeedanceConfigurationException>(() => SeedanceMcpServer.BuildStdio(new ServerSettings(), new Dictionary<string, string?>
        {
            ["SEEDANCE_BASE_URL"] = "ftp://example.test",
            ["Seedance:Agents:AllowedImageFolders:0"] = "relative/folder",
        }));

        Assert.Contains("Seedance:BaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ftp://example.test", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowedImageFolders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKey_StillStarts()
    {
        using var host = SeedanceMcpServer.BuildStdio(new ServerSettings(), new Dictionary<string, string?> { ["SEEDANCE_API_KEY"] = "" });

        Assert.NotNull(host);
    }
}
