using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Seedance.Client.Errors;
using Seedance.Mcp.Hosting;

ServerSettings settings;
try
{
    settings = ServerSettings.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"seedance-mcp: {ex.Message}");
    return 2;
}

if (settings.Help)
{
    await Console.Error.WriteLineAsync(ServerSettings.Usage);
    return 0;
}

if (settings.Version)
{
    await Console.Error.WriteLineAsync($"seedance-mcp {SeedanceMcpServer.Version}");
    return 0;
}

if (settings.Refusal() is { } refusal)
{
    await Console.Error.WriteLineAsync($"seedance-mcp: {refusal}");
    return 2;
}

if (settings.Sandbox)
{
    await Console.Error.WriteLineAsync("seedance-mcp: sandbox mode: a local stand-in for the API answers all calls (no key, no network, no cost).");
}

try
{
    if (settings.Http)
    {
        await using var app = SeedanceMcpServer.BuildHttp(settings);
        await app.StartAsync();
        await Console.Error.WriteLineAsync($"seedance-mcp: Streamable HTTP at {string.Join(", ", app.Urls.Select(u => u + "/mcp"))}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    using var host = SeedanceMcpServer.BuildStdio(settings);
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is SeedanceConfigurationException or OptionsValidationException)
{
    var problems = ex is SeedanceConfigurationException configuration ? configuration.Problems : ((OptionsValidationException)ex).Failures;
    await Console.Error.WriteLineAsync("seedance-mcp: the configuration is not usable:");
    foreach (var failure in problems)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 2;
}
