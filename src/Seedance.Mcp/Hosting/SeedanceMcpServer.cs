using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seedance.Agents;
using Seedance.Client;
using Seedance.Client.Errors;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Mcp.Hosting.MultiUser;
using Seedance.Client.Requests;
using Seedance.Mcp.Http;

namespace Seedance.Mcp.Hosting;

/// <summary>Builds the stdio or HTTP host around the shared tools.</summary>
internal static class SeedanceMcpServer
{
    public static string Instructions { get; } =
        $"Seedance makes short videos ({ModelLimits.ShotDurations(ModelLimits.Shipped)} s) with ByteDance Seedance. generate_video starts a paid job and returns a task_id; "
        + "rendering takes 1 to 5 minutes, so then call check_task with that task_id and wait=50 until done is true; the video is "
        + "downloaded and its path returned. extend_video continues a finished clip from its last frame. list_tasks finds lost ids. "
        + "For a film longer than one clip, generate_long_video renders a storyboard shot by shot in the background (follow it with "
        + "check_task and its sequence_id; stop_long_video stops it). dry_run true prices a paid call without sending it; get_balance "
        + "shows the balance and today's spend; list_models what each model allows and costs today. Never call generate_video twice for the same video.";

    public static string Version => typeof(SeedanceMcpServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?.Split('+')[0] ?? "0.0.0";

    /// <summary>The stdio server: protocol on stdout, logs on stderr.</summary>
    public static IHost BuildStdio(ServerSettings settings, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(overrides ?? []);
        ConfigureLogging(builder.Logging, builder.Configuration);
        builder.Services.AddSeedanceMcp(builder.Configuration, settings).WithStdioServerTransport();
        UseOwnSettingsCheck(builder.Services);
        var host = builder.Build();
        ThrowIfUnusable(host.Services);
        return host;
    }

    /// <summary>The Streamable HTTP server at <c>/mcp</c>, guarded by Host/Origin checks and the optional token.</summary>
    public static WebApplication BuildHttp(ServerSettings settings, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(overrides ?? []);
        ConfigureLogging(builder.Logging, builder.Configuration);
        var host = settings.Host.Contains(':', StringComparison.Ordinal) && !settings.Host.StartsWith('[') ? $"[{settings.Host}]" : settings.Host;
        builder.WebHost.UseUrls($"http://{host}:{settings.Port}");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        });

        // Clients that initialize get a session, so the price question (elicitation) reaches them; clients on 2026-07-28
        // are served statelessly and asked by multi round-trip requests, so instances behind a load balancer need no
        // affinity for them.
        var mcp = builder.Services.AddSeedanceMcp(builder.Configuration, settings)
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients);
        if (settings.Hosted)
        {
            builder.Services.AddMultiUserHosting(settings, builder.Configuration);
            mcp.WithUserLimits();
        }

        UseOwnSettingsCheck(builder.Services);
        var app = builder.Build();
        ThrowIfUnusable(app.Services);
        var guard = new HttpGuard(settings);
        app.Use((context, next) => guard.InvokeAsync(context, _ => next()));
        app.MapHealthEndpoints();
        if (settings.Hosted)
        {
            app.UseMultiUser();
            app.MapMcp("/mcp").RequireAuthorization();
        }
        else
        {
            app.MapMcp("/mcp");
        }

        return app;
    }

    /// <summary>
    /// <see cref="ThrowIfUnusable"/> checks, before the host starts, the settings the library asks the generic host to check
    /// at start (<c>ValidateOnStart</c>), with every problem in one list; the host's own check would only make its generic
    /// option types again at run time (slow in the native build) before the first answer, and find nothing new.
    /// </summary>
    private static void UseOwnSettingsCheck(IServiceCollection services) => services.RemoveAll<IStartupValidator>();

    /// <summary>
    /// Checks every setting before the server serves anything, so that wrong settings stop it at start with each problem
    /// named (a missing key does not: the tools then say how to set one).
    /// </summary>
    private static void ThrowIfUnusable(IServiceProvider services)
    {
        var problems = new List<string>();
        void Check(Func<object> read)
        {
            try
            {
                _ = read();
            }
            catch (OptionsValidationException ex)
            {
                problems.AddRange(ex.Failures);
            }
            catch (SeedanceConfigurationException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        // Read through the monitor, as the tool list is made: each options object is bound and validated once before
        // the first answer (reading IOptions<T> here as well would bind and validate a second copy).
        Check(() => services.GetRequiredService<IOptionsMonitor<SeedanceClientOptions>>().CurrentValue);
        Check(() => services.GetRequiredService<IOptionsMonitor<SeedanceAgentOptions>>().CurrentValue);
        if (problems.Count > 0)
        {
            throw new SeedanceConfigurationException(problems);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ConfigurationManager configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("ModelContextProtocol", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // Multi-user hosting registers authentication, which brings data protection; nothing here uses its keys.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
