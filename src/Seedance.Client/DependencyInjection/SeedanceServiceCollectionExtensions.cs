using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seedance.Client;
using Seedance.Client.Configuration;
using Seedance.Client.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SeedanceClient"/> with configuration, validation and the standard retry handler.</summary>
public static class SeedanceServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client uses.</summary>
    public const string HttpClientName = "Seedance";

    /// <summary>
    /// Adds a singleton <see cref="SeedanceClient"/>. Options come from the <c>Seedance</c> configuration section,
    /// then the short names of <see cref="SeedanceEnvironment.ClientAliases"/> (<c>SEEDANCE_API_KEY</c> or
    /// <c>APIMART_API_KEY</c>, <c>SEEDANCE_BASE_URL</c>) where the section left them unset, then <paramref name="configure"/>.
    /// Options are validated when the host starts, with a message naming each wrong setting; a value that cannot be read
    /// as its type throws <see cref="Seedance.Client.Errors.SeedanceConfigurationException"/> naming the key and the value.
    /// </summary>
    public static IServiceCollection AddSeedanceClient(this IServiceCollection services, Action<SeedanceClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(SeedanceClient)))
        {
            // Already registered (or an existing client was given): registering twice would stack the retry handler.
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return services;
        }

        var options = services.AddOptions<SeedanceClientOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                // The aliases first and the host's configuration on top: what is set explicitly wins, aliases fill gaps.
                var host = sp.GetService<IConfiguration>();
                var builder = new ConfigurationBuilder()
                    .AddSeedanceAliases(SeedanceEnvironment.ClientAliases, name => host?[name] ?? Environment.GetEnvironmentVariable(name));
                if (host is not null)
                {
                    builder.AddConfiguration(host, shouldDisposeConfiguration: false);
                }

                SeedanceOptionsBinder.Bind(builder.Build(), o);
            });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeedanceClientOptions>, SeedanceClientOptionsValidator>());
        options.ValidateOnStart();

        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(SeedanceClient.CreatePrimaryHandler)
            // The primary handler refreshes its own connections, so the client may live as long as the singleton.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => SeedanceResilience.CreateHandler(SeedanceResilience.CreatePipeline(
                sp.GetRequiredService<IOptions<SeedanceClientOptions>>().Value, sp.GetService<TimeProvider>())))
            // Inside the resilience handler, so the attempt timeout covers reading the body too.
            .AddHttpMessageHandler(sp => SeedanceResilience.CreateBodyHandler(sp.GetRequiredService<IOptions<SeedanceClientOptions>>().Value));

        services.TryAddSingleton(sp => new SeedanceClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<SeedanceClientOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SeedanceClient>>()));
        return services;
    }
}
