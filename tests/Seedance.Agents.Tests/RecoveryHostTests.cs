using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seedance.Agents.Journal;
using Seedance.Agents.Tasks;
using Seedance.Agents.Tools;
using Seedance.Testing;

namespace Seedance.Agents.Tests;

/// <summary>Recovery at start in a host that is not the MCP server (a Semantic Kernel or Agent Framework app): <c>AddSeedanceAgents()</c> alone brings it.</summary>
public sealed class RecoveryHostTests
{
    [Fact]
    public async Task GenericHost_WithAddSeedanceAgents_SettlesAnUnconfirmedSubmitAfterStart()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/drop*3");
        await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a crash left this one unsure"}""", step: TimeSpan.FromMilliseconds(200));
        var unsure = Assert.Single(await f.Journal.ListAsync(10));
        Assert.Equal(JournalState.Unconfirmed, unsure.State);

        // A plain generic host over the same journal, as an app restarted after the crash would build it.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(f.Time);
        builder.Services.AddSeedanceAgents(
            agent =>
            {
                agent.JournalPath = f.JournalPath;
                agent.OutputDirectory = f.OutputDirectory;
            },
            client =>
            {
                client.ApiKey = f.Sandbox.ApiKey;
                client.BaseUrl = f.Sandbox.BaseUrl;
            });
        using var host = builder.Build();
        await host.StartAsync();
        var recovery = host.Services.GetServices<IHostedService>().OfType<JournalRecoveryService>().Single();

        // Start is not held up: the recovery waits on the clock before it builds or sends anything.
        Assert.False(recovery.ExecuteTask!.IsCompleted);
        await f.Time.AdvanceUntilDoneAsync(recovery.ExecuteTask, TimeSpan.FromMilliseconds(200), limit: TimeSpan.FromMinutes(5));
        await recovery.ExecuteTask;
        await host.StopAsync();

        var settled = Assert.Single(await f.Journal.ListAsync(10));
        // The entry now carries the provider's task id instead of its placeholder, and the task was paid for once.
        Assert.NotEqual(JournalState.Unconfirmed, settled.State);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), settled.TaskId);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }
}
