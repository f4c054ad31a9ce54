namespace Seedance.Mcp.Sandbox;

/// <summary>
/// The network handler of the API client in sandbox mode: starts the sandbox on first use and sends each request to it
/// (the client's base URL is a placeholder until then), so nothing is started before a tool needs it.
/// </summary>
internal sealed class SandboxRoutingHandler : DelegatingHandler
{
    private readonly SandboxLauncher _launcher;

    public SandboxRoutingHandler(SandboxLauncher launcher, HttpMessageHandler inner)
        : base(inner)
    {
        _launcher = launcher;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sandbox = await _launcher.GetAsync(cancellationToken);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = sandbox.BaseUrl.Scheme, Host = sandbox.BaseUrl.Host, Port = sandbox.BaseUrl.Port }.Uri;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
