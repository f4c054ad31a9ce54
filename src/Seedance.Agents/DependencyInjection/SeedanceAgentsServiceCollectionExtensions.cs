using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seedance.Agents;
using Seedance.Agents.Downloads;
using Seedance.Agents.Films;
using Seedance.Agents.Journal;
using Seedance.Agents.Media;
using Seedance.Agents.Models;
using Seedance.Agents.Spending;
using Seedance.Agents.Tasks;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Client.Errors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Seedance tool surface (and the client under it).</summary>
public static class SeedanceAgentsServiceCollectionExtensions
{
    /// <summary>The name of the plain <see cref="HttpClient"/> used for downloads (it never carries the API key).</summary>
    public const string DownloadClientName = "Seedance.Downloads";

    /// <summary>
    /// Adds <see cref="SeedanceToolset"/> (one class per tool over shared collaborators), the journal, the downloader and the client.
    /// Options come from <c>Seedance:Agents</c>, with the aliases of <see cref="SeedanceAgentEnvironment.Aliases"/> filling gaps:
    /// <c>SEEDANCE_OUTPUT_DIR</c>, <c>SEEDANCE_JOURNAL</c>, <c>SEEDANCE_DOWNLOAD</c> (0 or false turns downloads off),
    /// <c>SEEDANCE_ALLOWED_DIRS</c> (folders separated by the path separator), <c>SEEDANCE_CONFIRM_ABOVE_USD</c> and
    /// <c>SEEDANCE_DAILY_BUDGET_USD</c> (an amount or <c>off</c>), <c>SEEDANCE_FFMPEG</c> (the ffmpeg that stitches long videos),
    /// then <paramref name="configure"/>. Nothing is opened or
    /// created until a tool is first used; in a generic host, the journal's recovery runs once a second after start
    /// (<see cref="JournalRecovery"/>).
    /// </summary>
    public static IServiceCollection AddSeedanceAgents(this IServiceCollection services, Action<SeedanceAgentOptions>? configure = null,
        Action<SeedanceClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSeedanceClient(configureClient);
        if (services.Any(d => d.ServiceType == typeof(SeedanceToolset)))
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
                // The aliases first and the host's configuration on top: what is set explicitly wins, aliases fill gaps.
                var host = sp.GetService<IConfiguration>();
                var builder = new ConfigurationBuilder()
                    .AddSeedanceAliases(SeedanceAgentEnvironment.Aliases, name => host?[name] ?? Environment.GetEnvironmentVariable(name));
                if (host is not null)
                {
                    builder.AddConfiguration(host, shouldDisposeConfiguration: false);
                }

                var configuration = builder.Build();
                var section = configuration.GetSection(SeedanceAgentOptions.SectionName);
                try
                {
                    section.Bind(o);
                }
                catch (InvalidOperationException ex)
                {
                    throw SeedanceConfigurationException.ForUnreadableValue(configuration, ex);
                }

                // An amount set to nothing (SEEDANCE_CONFIRM_ABOVE_USD=off) means none: never ask, no budget.
                if (section[nameof(SeedanceAgentOptions.ConfirmAboveUsd)] is "")
                {
                    o.ConfirmAboveUsd = null;
                }

                if (section[nameof(SeedanceAgentOptions.DailyBudgetUsd)] is "")
                {
                    o.DailyBudgetUsd = null;
                }
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeedanceAgentOptions>, SeedanceAgentOptionsValidator>());
        options.ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(DownloadClientName, http => http.Timeout = TimeSpan.FromMinutes(30));
        // One journal file, one store per aggregate kept in it (tasks, films; the price quotes below).
        services.TryAddSingleton(sp => JournalDatabase.Create(Options(sp), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new TaskJournal(sp.GetRequiredService<JournalDatabase>()));
        services.TryAddSingleton(sp => new SequenceJournal(sp.GetRequiredService<JournalDatabase>()));
        services.TryAddSingleton(sp => new RequestCounts(sp.GetRequiredService<JournalDatabase>()));
        services.TryAddSingleton(sp => new JournalLeases(sp.GetRequiredService<JournalDatabase>(), JournalLeases.HolderFor(Options(sp).InstanceName)));
        services.TryAddSingleton(sp => new VideoDownloader(sp.GetRequiredService<IHttpClientFactory>().CreateClient(DownloadClientName),
            Options(sp).ResolveOutputDirectory(), Options(sp).MaxDownloadBytes) { StallTimeout = Options(sp).DownloadStallTimeout });
        services.TryAddSingleton(sp => new LocalImageResolver(Options(sp).ResolveAllowedImageFolders()));

        // The collaborators the tools share, then one class per tool; none of them opens anything until a tool runs.
        services.TryAddSingleton(sp => new LocalImageInputs(sp.GetRequiredService<LocalImageResolver>(), sp.GetRequiredService<SeedanceClient>()));
        services.TryAddSingleton(sp => new SpendGuard(sp.GetRequiredService<TaskJournal>(), sp.GetRequiredService<SequenceJournal>(), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new ProviderFactsStore(sp.GetRequiredService<JournalDatabase>()));
        services.TryAddSingleton(sp => new ModelFactsRefresher(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<ProviderFactsStore>(),
            Options(sp).RefreshModelFacts, Time(sp), sp.GetService<ILoggerFactory>()?.CreateLogger<ModelFactsRefresher>()));
        services.TryAddSingleton(sp => new PaidQuoteStore(sp.GetRequiredService<JournalDatabase>(), Time(sp)));
        services.TryAddSingleton(sp => new CostEstimator(() => sp.GetRequiredService<SeedanceClient>().Catalog, sp.GetRequiredService<TaskJournal>(), Options(sp)));
        services.TryAddSingleton(sp => new JournaledSubmitter(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<TaskJournal>(),
            sp.GetRequiredService<SpendGuard>(), Options(sp), sp.GetService<IOptions<SeedanceClientOptions>>()?.Value.ReplayUnsureSubmits ?? true, Time(sp),
            sp.GetRequiredService<JournalLeases>()));
        services.TryAddSingleton(sp => new TaskWaiter(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<TaskJournal>(), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new ResultSaver(sp.GetRequiredService<VideoDownloader>(), sp.GetRequiredService<TaskJournal>(), Options(sp), Time(sp),
            sp.GetRequiredService<JournalLeases>()));
        services.TryAddSingleton(sp => new SavedResultReporter(sp.GetRequiredService<TaskJournal>(), sp.GetRequiredService<ResultSaver>()));
        services.TryAddSingleton(sp => new GenerationStarter(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<JournaledSubmitter>(),
            sp.GetRequiredService<TaskWaiter>(), sp.GetRequiredService<SavedResultReporter>(), sp.GetRequiredService<CostEstimator>(), sp.GetRequiredService<SpendGuard>(),
            sp.GetRequiredService<PaidQuoteStore>(), Time(sp)));
        services.TryAddSingleton(sp => new FilmStitcher(Options(sp).ResolveOutputDirectory(), Options(sp).FfmpegPath));
        services.TryAddSingleton(sp => new LastFrameSource(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<TaskJournal>(), Time(sp)));
        // The long-video chain, step by step.
        services.TryAddSingleton(sp => new SequenceStops(sp.GetRequiredService<SequenceJournal>()));
        services.TryAddSingleton(sp => new ShotSender(sp.GetRequiredService<SequenceJournal>(), sp.GetRequiredService<JournaledSubmitter>(),
            sp.GetRequiredService<CostEstimator>(), sp.GetRequiredService<LastFrameSource>(), sp.GetRequiredService<SequenceStops>(), Time(sp)));
        services.TryAddSingleton(sp => new ShotFollower(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<TaskJournal>(),
            sp.GetRequiredService<TaskWaiter>(), sp.GetRequiredService<SequenceStops>(), Time(sp)));
        services.TryAddSingleton(sp => new ShotSaver(sp.GetRequiredService<TaskJournal>(), sp.GetRequiredService<ResultSaver>(), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new FilmFinisher(sp.GetRequiredService<SequenceJournal>(), sp.GetRequiredService<FilmStitcher>(),
            sp.GetRequiredService<SequenceStops>()));
        services.TryAddSingleton(sp => new SequenceRunner(sp.GetRequiredService<SequenceJournal>(), sp.GetRequiredService<ShotSender>(),
            sp.GetRequiredService<ShotFollower>(), sp.GetRequiredService<ShotSaver>(), sp.GetRequiredService<FilmFinisher>(),
            sp.GetRequiredService<SequenceStops>(), Options(sp), Time(sp), sp.GetRequiredService<JournalLeases>()));
        services.TryAddSingleton(sp => new SequenceReporter(sp.GetRequiredService<SequenceJournal>(), sp.GetRequiredService<SequenceRunner>(),
            sp.GetRequiredService<TaskWaiter>(), Options(sp), Time(sp)));
        services.TryAddSingleton(sp => new JournalRecovery(sp.GetRequiredService<TaskJournal>(), sp.GetRequiredService<SequenceJournal>(),
            sp.GetRequiredService<SeedanceClient>(),
            sp.GetRequiredService<VideoDownloader>(), Options(sp), Time(sp), sp.GetRequiredService<JournaledSubmitter>(), sp.GetRequiredService<ResultSaver>(),
            sp.GetRequiredService<SequenceRunner>()));

        // Every generic host settles what a crash left unsure, a second after start (nothing is built before then).
        services.AddHostedService<JournalRecoveryService>();

        // Several processes sharing a journal database: films whose holder died are taken over (for callers known here).
        services.TryAddSingleton(sp => new KnownCallers(sp.GetService<TimeProvider>()));
        services.AddHostedService<FilmTakeoverService>();
        services.AddSingleton<ISeedanceTool>(sp => new GenerateVideoTool(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<LocalImageInputs>(),
            sp.GetRequiredService<GenerationStarter>()));
        services.AddSingleton<ISeedanceTool>(sp => new CheckTaskTool(sp.GetRequiredService<TaskJournal>(), sp.GetRequiredService<SequenceJournal>(),
            sp.GetRequiredService<JournaledSubmitter>(),
            sp.GetRequiredService<TaskWaiter>(), sp.GetRequiredService<SavedResultReporter>(), sp.GetRequiredService<SequenceReporter>()));
        services.AddSingleton<ISeedanceTool>(sp => new ExtendVideoTool(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<TaskJournal>(),
            sp.GetRequiredService<SequenceJournal>(),
            sp.GetRequiredService<TaskWaiter>(), sp.GetRequiredService<GenerationStarter>(), sp.GetRequiredService<LastFrameSource>(), sp.GetRequiredService<SequenceRunner>(),
            Time(sp)));
        services.AddSingleton<ISeedanceTool>(sp => new ListTasksTool(sp.GetRequiredService<TaskJournal>(), sp.GetRequiredService<SequenceJournal>()));
        services.AddSingleton<ISeedanceTool>(sp => new GetBalanceTool(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<SpendGuard>()));
        services.AddSingleton<ISeedanceTool>(sp => new ListModelsTool(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<ModelFactsRefresher>()));
        services.AddSingleton<ISeedanceTool>(sp => new GenerateLongVideoTool(sp.GetRequiredService<SeedanceClient>(), sp.GetRequiredService<LocalImageInputs>(),
            sp.GetRequiredService<GenerationStarter>(), sp.GetRequiredService<CostEstimator>(), sp.GetRequiredService<SpendGuard>(),
            sp.GetRequiredService<SequenceJournal>(), sp.GetRequiredService<SequenceRunner>(), sp.GetRequiredService<SequenceReporter>()));
        services.AddSingleton<ISeedanceTool>(sp => new StopLongVideoTool(sp.GetRequiredService<SequenceJournal>(), sp.GetRequiredService<SequenceRunner>(),
            sp.GetRequiredService<SequenceReporter>(), sp.GetRequiredService<CostEstimator>()));
        services.TryAddSingleton(sp => new SeedanceToolset(sp.GetServices<ISeedanceTool>(), ToolCatalog.Create(sp.GetRequiredService<SeedanceClient>().Catalog),
            sp.GetRequiredService<TaskJournal>(), Options(sp).CallTimeLimit, Time(sp), Options(sp).RequireApprovalForPaidTools)
        {
            ModelFacts = sp.GetRequiredService<ModelFactsRefresher>(),
        });
        return services;
    }

    private static SeedanceAgentOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<SeedanceAgentOptions>>().Value;

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
