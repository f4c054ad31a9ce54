using Microsoft.Extensions.AI;

namespace Seedance.Agents.Tools;

/// <summary>The Seedance tools as <see cref="AIFunction"/>s, ready for any Microsoft.Extensions.AI host.</summary>
public sealed class SeedanceToolset
{
    /// <summary>Wraps every tool of <paramref name="service"/>.</summary>
    public SeedanceToolset(SeedanceToolService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Service = service;
        Functions = service.Definitions.Select(d => new SeedanceToolFunction(service, d)).ToArray();
    }

    /// <summary>The service behind the functions.</summary>
    public SeedanceToolService Service { get; }

    /// <summary>generate_video, check_task, extend_video, list_tasks.</summary>
    public IReadOnlyList<SeedanceToolFunction> Functions { get; }
}
