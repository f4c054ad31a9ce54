using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Seedance.Agents.Journal;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Models;

namespace Seedance.Agents.Models;

/// <summary>
/// Keeps the client's catalogue in step with the provider: on first use and then daily (with a key), reads the model list,
/// each Seedance model's <c>model-schema</c> and price, caches them dated in the journal and puts the merge in force (the
/// provider wins; each difference is logged once). All of it runs in the background with short timeouts: a tool call never
/// waits for it, and a failure or an unreadable answer leaves the shipped (or last cached) facts in force.
/// </summary>
public sealed class ModelFactsRefresher
{
    /// <summary>How long facts read from the provider are used before they are read again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>How long after a failed read the next is tried.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(15);

    /// <summary>The most one provider call of the refresh may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly SeedanceClient _client;
    private readonly ProviderFactsStore _store;
    private readonly bool _enabled;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _logged = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private Task _running = Task.CompletedTask;
    private DateTimeOffset _nextDue = DateTimeOffset.MinValue;

    internal ModelFactsRefresher(SeedanceClient client, ProviderFactsStore store, bool enabled, TimeProvider time, ILogger? logger)
    {
        _client = client;
        _store = store;
        _enabled = enabled && client.HasApiKey;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Where the facts in force come from: <c>shipped</c>, <c>provider</c> or <c>journal cache</c>.</summary>
    public string Source { get; private set; } = "shipped";

    /// <summary>Why the last read from the provider failed, in words; null when it did not.</summary>
    public string? LastProblem { get; private set; }

    /// <summary>Whether the provider is asked at all (a key is set and the setting allows it).</summary>
    public bool Enabled => _enabled;

    /// <summary>Starts a refresh in the background when one is due; returns at once.</summary>
    public void EnsureFresh()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (!_running.IsCompleted || _time.GetUtcNow() < _nextDue)
            {
                return;
            }

            // Not again until this one has ended and set the next time.
            _nextDue = DateTimeOffset.MaxValue;
            _running = Task.Run(RefreshSafelyAsync);
        }
    }

    /// <summary>Starts a refresh when due and waits for the one running, at most <paramref name="longest"/> (real time).</summary>
    public async Task WaitAsync(TimeSpan longest, CancellationToken cancellationToken)
    {
        EnsureFresh();
        Task running;
        lock (_gate)
        {
            running = _running;
        }

        try
        {
            await running.WaitAsync(longest, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still reading: the facts in force are shown.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    // Whatever goes wrong, the shipped or cached facts stay in force and the next reading is planned: nothing here reaches a call.
    private async Task RefreshSafelyAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex)
        {
            LastProblem = ex.Message;
            ModelFactsLog.NotRead(_logger, ex.Message);
            SetNext(_time.GetUtcNow() + RetryAfterFailure);
        }
    }

    private async Task RefreshAsync()
    {
        var now = _time.GetUtcNow();
        ProviderSnapshot? cached = null;
        try
        {
            cached = await _store.LoadAsync(CancellationToken.None);
        }
        catch (TaskJournalException ex)
        {
            ModelFactsLog.CacheUnreadable(_logger, ex.Message);
        }

        if (cached is not null && now - cached.ReadAt < Interval && now >= cached.ReadAt)
        {
            Apply(cached, "journal cache");
            SetNext(cached.ReadAt + Interval);
            return;
        }

        try
        {
            var snapshot = await ReadProviderAsync(now);
            Apply(snapshot, "provider");
            LastProblem = null;
            SetNext(now + Interval);
            try
            {
                await _store.SaveAsync(snapshot, CancellationToken.None);
            }
            catch (TaskJournalException ex)
            {
                ModelFactsLog.CacheUnreadable(_logger, ex.Message);
            }
        }
        catch (Exception ex) when (ex is SeedanceApiException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            LastProblem = ex.Message;
            ModelFactsLog.NotRead(_logger, ex.Message);
            if (cached is not null)
            {
                Apply(cached, "journal cache");
            }

            SetNext(now + RetryAfterFailure);
        }
    }

    private async Task<ProviderSnapshot> ReadProviderAsync(DateTimeOffset now)
    {
        var deadline = now + CallTimeout;
        using var cancel = new CancellationTokenSource(CallTimeout + TimeSpan.FromSeconds(1));
        string? list = null;
        string? problem = null;
        try
        {
            list = await _client.GetModelListJsonAsync(deadline, cancel.Token);
        }
        catch (SeedanceApiException ex)
        {
            problem = ex.Message;
        }

        var ids = ProviderModelFacts.IdsToRead(_client.Models.Initial, list);
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        var prices = new Dictionary<string, string>(StringComparer.Ordinal);
        var reads = ids.SelectMany(id => new[]
        {
            Read(id, schemas, m => _client.GetModelSchemaJsonAsync(m, deadline, cancel.Token)),
            Read(id, prices, m => _client.GetModelPricingJsonAsync(m, deadline, cancel.Token)),
        });
        await Task.WhenAll(reads);
        if (list is null && schemas.Count == 0)
        {
            throw new InvalidOperationException($"neither the model list nor any model-schema could be read ({problem ?? "no answer"})");
        }

        return new ProviderSnapshot { ReadAt = now, ModelList = list, Schemas = schemas, Prices = prices };
    }

    private static async Task Read(string id, Dictionary<string, string> into, Func<string, Task<string>> read)
    {
        try
        {
            var json = await read(id);
            lock (into)
            {
                into[id] = json;
            }
        }
        catch (Exception ex) when (ex is SeedanceApiException or OperationCanceledException)
        {
            // One model's answer missing leaves that model's shipped facts in force.
        }
    }

    private void Apply(ProviderSnapshot snapshot, string source)
    {
        var differences = new List<string>();
        ModelCatalog merged;
        try
        {
            merged = ProviderModelFacts.Merge(_client.Models.Initial, snapshot, differences);
        }
        catch (ArgumentException ex)
        {
            LastProblem = ex.Message;
            return;
        }

        _client.Models.Replace(merged, snapshot.ReadAt);
        Source = source;
        foreach (var difference in differences)
        {
            bool first;
            lock (_logged)
            {
                first = _logged.Add(difference);
            }

            if (first)
            {
                ModelFactsLog.Differs(_logger, difference);
            }
        }
    }

    private void SetNext(DateTimeOffset due)
    {
        lock (_gate)
        {
            _nextDue = due;
        }
    }
}
