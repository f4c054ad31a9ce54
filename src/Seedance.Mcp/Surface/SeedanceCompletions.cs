using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Client;
using Seedance.Client.Requests;

namespace Seedance.Mcp.Surface;

/// <summary>Argument completion: task ids from the journal (for the task resource), models and sizes (for the planning prompt).</summary>
internal sealed class SeedanceCompletions(IServiceProvider services)
{
    private const int Most = 100;

    public async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Argument.Name ?? string.Empty;
        var typed = request.Params?.Argument.Value ?? string.Empty;
        IEnumerable<string> values = name switch
        {
            "task_id" => (await RecentTasks.ReadAsync(services, Most, cancellationToken)).Select(e => e.TaskId),
            "model" => services.GetService<IOptions<SeedanceClientOptions>>()?.Value.BuildCatalog().Names ?? [],
            "size" => VideoSizes.All,
            _ => [],
        };

        var matches = values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Distinct().ToArray();
        return new CompleteResult
        {
            Completion = new Completion { Values = matches.Take(Most).ToList(), Total = matches.Length, HasMore = matches.Length > Most },
        };
    }
}
