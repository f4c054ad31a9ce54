using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents;
using Seedance.Agents.Journal;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Mcp.Sandbox;
using Seedance.Mcp.Surface;
using Seedance.Mcp.Tools;
using Seedance.Sandbox;

namespace Seedance.Mcp.Hosting;

/// <summary>
/// The server's composition: the library's own <c>AddSeedanceAgents()</c>, then what differs for an MCP server, as
/// post-configuration: no key needed at start, no local files for remote callers, sandbox mode, and the tools listed
/// from configuration alone (nothing is built before the first call).
/// </summary>
internal static class SeedanceMcpServices
{
    // The client's base URL in sandbox mode; the routing handler sends each request to the sandbox once it runs.
    private static readonly Uri SandboxPlaceholder = new("http://sandbox.invalid/");

    public static IMcpServerBuilder AddSeedanceMcp(this IServiceCollection services, IConfiguration configuration, ServerSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSeedanceAgents();

        // The server must start and list its tools without a key; calls then explain how to set one.
        services.PostConfigure<SeedanceClientOptions>(o => o.RequireApiKey = false);

        // Served beyond this machine, callers are remote: they must not pick files from the server's disk unless the
        // operator named the folders.
        if (settings.Http && !settings.IsLoopback)
        {
            services.PostConfigure<SeedanceAgentOptions>(o => o.AllowLocalImages = o.AllowedImageFolders.Count > 0);
        }

        if (settings.Sandbox)
        {
            AddSandboxMode(services, configuration, settings);
        }

        var builder = services.AddMcpServer(options =>
        {
            options.ServerInfo = new Implementation { Name = "seedance", Title = "Seedance video generation", Version = SeedanceMcpServer.Version };
            options.ServerInstructions = SeedanceMcpServer.Instructions;
        }).WithMessageFilters(filters => filters.AddIncomingFilter(UnpairedSurrogates.Filter));

        // The tool list comes from the configured model catalogue; everything a call needs is built on the first call.
        // The client's options through the monitor: the instance the settings check at start already made.
        services.AddOptions<McpServerOptions>().Configure<IOptionsMonitor<SeedanceClientOptions>, IServiceProvider>((mcp, client, provider) =>
        {
            if (!settings.Sandbox && !settings.MultiUser && string.IsNullOrWhiteSpace(client.CurrentValue.ApiKey))
            {
                Log.NoApiKey(provider.GetRequiredService<ILoggerFactory>().CreateLogger("Seedance.Mcp"));
            }

            // Resources (the in-chat player, tasks), the planning prompt and argument completion.
            var resources = new SeedanceResources(provider, settings);
            var completions = new SeedanceCompletions(provider);
            mcp.Handlers.ListResourcesHandler = resources.ListAsync;
            mcp.Handlers.ListResourceTemplatesHandler = SeedanceResources.ListTemplatesAsync;
            mcp.Handlers.ReadResourceHandler = resources.ReadAsync;
            mcp.Handlers.ListPromptsHandler = VideoPlanningPrompt.ListAsync;
            mcp.Handlers.GetPromptHandler = VideoPlanningPrompt.GetAsync;
            mcp.Handlers.CompleteHandler = completions.CompleteAsync;

            mcp.ToolCollection ??= [];
            foreach (var definition in ToolCatalog.Create(client.CurrentValue.BuildCatalog()))
            {
                mcp.ToolCollection.Add(SeedanceMcpFunction.CreateTool(definition, provider));
            }
        });
        return builder;
    }

    private static void AddSandboxMode(IServiceCollection services, IConfiguration configuration, ServerSettings settings)
    {
        // Many users run locally: each caller's bearer is an account of its own at the sandbox, as keys are at the provider.
        var sandbox = new SandboxOptions { AcceptAnyKey = settings.MultiUser };
        if (TimeSpan.TryParse(configuration["Seedance:Sandbox:TaskDuration"], CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero)
        {
            sandbox.TaskDuration = duration;
        }

        services.AddSingleton(sp =>
        {
            // The sandbox's tasks live next to the journal, so a task submitted before a restart is still known after it.
            if (sandbox.TasksFile is null)
            {
                try
                {
                    sandbox.TasksFile = sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value.ResolveJournalPath() + ".sandbox-tasks.jsonl";
                }
                catch (Exception ex) when (ex is TaskJournalException or IOException)
                {
                }
            }

            return new SandboxLauncher(sandbox, sp.GetRequiredService<ILogger<SandboxLauncher>>());
        });
        services.PostConfigure<SeedanceClientOptions>(o =>
        {
            o.BaseUrl = SandboxPlaceholder;
            o.ApiKey = sandbox.ApiKey;
            o.Polling.InitialDelay = TimeSpan.FromSeconds(1);
            o.Polling.MinInterval = TimeSpan.FromSeconds(1);
        });
        services.PostConfigure<SeedanceAgentOptions>(o =>
        {
            o.WaitPollInterval = TimeSpan.FromSeconds(1);

            // Sandbox videos are not real: keep them apart from the user's real journal and videos unless told otherwise.
            // Without a user folder the defaults stay unset, and the first call says which setting to give.
            try
            {
                if (string.IsNullOrWhiteSpace(o.JournalPath))
                {
                    o.JournalPath = Path.Combine(Path.GetDirectoryName(o.ResolveJournalPath())!, "sandbox-journal.db");
                }

                if (string.IsNullOrWhiteSpace(o.OutputDirectory))
                {
                    o.OutputDirectory = Path.Combine(o.ResolveOutputDirectory(), "sandbox");
                }
            }
            catch (Exception ex) when (ex is TaskJournalException or IOException)
            {
            }
        });
        services.AddHttpClient(SeedanceServiceCollectionExtensions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SandboxRoutingHandler(sp.GetRequiredService<SandboxLauncher>(), SeedanceClient.CreatePrimaryHandler()));
    }
}
