using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seedance.Agents.Journal;
using Seedance.Agents.Tools;
using Seedance.Client.Errors;

namespace Seedance.Mcp.Surface;

/// <summary>The journal's newest entries for the MCP surface (resources, links' origins, completion): free, and never creating the journal.</summary>
internal static class RecentTasks
{
    /// <summary>Up to <paramref name="limit"/> entries, newest first; none when there is no journal yet or it cannot be used.</summary>
    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(IServiceProvider services, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var toolset = services.GetRequiredService<SeedanceToolset>();
            return toolset.Journal.Exists ? await toolset.RecentAsync(limit, cancellationToken) : [];
        }
        catch (Exception ex) when (ex is TaskJournalException or IOException or OptionsValidationException or SeedanceConfigurationException)
        {
            return [];
        }
    }
}
