using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Seedance.Agents;
using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Agents.Media;
using Seedance.Agents.Tools;
using Seedance.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Seedance tool surface (and the client under it).</summary>
public static class SeedanceAgentsServiceCollectionExtensions
{
    /// <summary>The name of the plain <see cref="HttpClient"/> used for downloads (it never carries the API key).</summary>
    public const string DownloadClientName = "Seedance.Downloads";

    /// <summary>
    /// Adds <see cref="SeedanceToolService"/>, <see cref="SeedanceToolset"/>, the journal, the downloader and the client.
    /// Options come from <c>Seedance:Agents</c>, then <c>SEEDANCE_OUTPUT_DIR</c>, <c>SEEDANCE_JOURNAL</c>,
    /// <c>SEEDANCE_DOWNLOAD</c> (0 or false turns downloads off) and <c>SEEDANCE_ALLOWED_DIRS</c> (folders separated by
    /// the path separator), then <paramref name="configure"/>. Nothing is opened or created until a tool is first used.
    /// </summary>
    public static IServiceCollection AddSeedanceAgents(this IServiceCollection services, Action<SeedanceAgentOptions>? configure = null,
        Action<SeedanceClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSeedanceClient(configureClient);
        if (services.Any(d => d.ServiceType == typeof(SeedanceToolService)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return services;
        }

        var options = services.AddOptions<SeedanceAgentOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                var configuration = sp.GetService<IConfiguration>();
                configuration?.GetSection(SeedanceAgentOptions.SectionName).Bind(o);
                SeedanceAgentEnvironment.Apply(o, name => configuration?[name] ?? Environment.GetEnvironmentVariable(name));
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeedanceAgentOptions>, SeedanceAgentOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(DownloadClientName, http => http.Timeout = TimeSpan.FromMinutes(30));
        services.TryAddSingleton(sp => new TaskJournal(
            sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value.ResolveJournalPath(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value;
            return new VideoDownloader(sp.GetRequiredService<IHttpClientFactory>().CreateClient(DownloadClientName), o.ResolveOutputDirectory(), o.MaxDownloadBytes);
        });
        services.TryAddSingleton(sp => new LocalImageResolver(sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value.ResolveAllowedImageFolders()));
        services.TryAddSingleton(sp => new SeedanceToolService(
            sp.GetRequiredService<SeedanceClient>(),
            sp.GetRequiredService<TaskJournal>(),
            sp.GetRequiredService<VideoDownloader>(),
            sp.GetRequiredService<LocalImageResolver>(),
            sp.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value,
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new SeedanceToolset(sp.GetRequiredService<SeedanceToolService>()));
        return services;
    }
}
