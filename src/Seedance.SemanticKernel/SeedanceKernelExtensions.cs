using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Seedance.Agents;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.SemanticKernel;

namespace Microsoft.SemanticKernel;

/// <summary>One-line registration of the Seedance plugin, the Semantic Kernel way.</summary>
public static class SeedanceKernelExtensions
{
    /// <summary>
    /// Adds the <c>seedance</c> plugin (and the tool surface under it) to the kernel builder. Settings come from the
    /// <c>Seedance</c> configuration section and the SEEDANCE_* environment variables, like the MCP server's.
    /// </summary>
    public static IKernelBuilderPlugins AddSeedance(this IKernelBuilderPlugins plugins, string pluginName = SeedancePlugin.DefaultName,
        Action<SeedanceAgentOptions>? configure = null, Action<SeedanceClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.Services.AddSeedancePlugin(pluginName, configure, configureClient);
        return plugins;
    }

    /// <summary>Adds the plugin over an existing <see cref="SeedanceClient"/> (its own settings, retries and key are used).</summary>
    public static IKernelBuilderPlugins AddSeedance(this IKernelBuilderPlugins plugins, SeedanceClient client, string pluginName = SeedancePlugin.DefaultName,
        Action<SeedanceAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(client);
        plugins.Services.TryAddSingleton(client);
        plugins.Services.AddSeedancePlugin(pluginName, configure);
        return plugins;
    }

    /// <summary>
    /// Registers the plugin as a <see cref="KernelPlugin"/> service (a kernel built from the container picks it up), with the
    /// tool surface and the client under it.
    /// </summary>
    public static IServiceCollection AddSeedancePlugin(this IServiceCollection services, string pluginName = SeedancePlugin.DefaultName,
        Action<SeedanceAgentOptions>? configure = null, Action<SeedanceClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSeedanceAgents(configure, configureClient);
        services.AddSingleton(sp => SeedancePlugin.Create(sp.GetRequiredService<SeedanceToolset>(), pluginName));
        return services;
    }
}
