namespace Seedance.Sandbox.Faults;

/// <summary>The queue of faults still to act out; thread-safe. Tests add rules here while the sandbox runs.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int Left)> _rules = [];

    /// <summary>Queues a rule; it applies to the next <see cref="FaultRule.Count"/> matching calls.</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    /// <summary>Queues rules in the text form, comma-separated.</summary>
    public void Add(string rules)
    {
        foreach (var rule in FaultRule.ParseList(rules))
        {
            Add(rule);
        }
    }

    /// <summary>Drops every queued rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>How many calls queued rules still apply to.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Left);
            }
        }
    }

    /// <summary>Takes one use of every queued rule that matches <paramref name="endpoint"/>.</summary>
    internal IReadOnlyList<FaultRule> Take(FaultEndpoint endpoint)
    {
        lock (_gate)
        {
            var taken = new List<FaultRule>();
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, left) = _rules[i];
                if (!rule.Matches(endpoint) || (rule.Kind is FaultKind.FailTask or FaultKind.EstimateSkew or FaultKind.Busy && endpoint != FaultEndpoint.Submit)
                    || (rule.Kind == FaultKind.EchoKey && endpoint == FaultEndpoint.Files))
                {
                    continue;
                }

                taken.Add(rule);
                if (left <= 1)
                {
                    _rules.RemoveAt(i--);
                }
                else
                {
                    _rules[i] = (rule, left - 1);
                }
            }

            return taken;
        }
    }
}
