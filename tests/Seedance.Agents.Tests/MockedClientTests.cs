using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Agents.Media;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Models;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tests;

/// <summary>Provider answers the sandbox does not act out, through a substitute of the (mockable) client.</summary>
public sealed class MockedClientTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-mock-tests", Guid.NewGuid().ToString("N"));
    private readonly SeedanceClient _client = Substitute.For<SeedanceClient>();
    private readonly ServiceProvider _services;
    private readonly SeedanceToolset _service;

    public MockedClientTests()
    {
        _client.Catalog.Returns(ModelCatalog.Default);
        var services = new ServiceCollection();
        services.AddSingleton(_client);
        services.AddSeedanceAgents(o =>
        {
            o.JournalPath = Path.Combine(_root, "j.db");
            o.OutputDirectory = Path.Combine(_root, "v");
            o.MaxDownloadBytes = 1024;
            o.AllowLocalImages = false;
        });
        _services = services.BuildServiceProvider();
        _service = _services.GetRequiredService<SeedanceToolset>();
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<Results.ToolOutcome> Check(string id) =>
        _service.InvokeAsync(ToolNames.CheckTask, JsonDocument.Parse($$"""{"task_id":"{{id}}"}""").RootElement);

    [Theory]
    [InlineData(SeedanceErrorKind.PermissionDenied, "permission_denied", "permissions")]
    [InlineData(SeedanceErrorKind.ServerError, "provider_unavailable", "call check_task again")]
    [InlineData(SeedanceErrorKind.Timeout, "provider_unavailable", "call check_task again")]
    [InlineData(SeedanceErrorKind.InvalidResponse, "provider_unavailable", "call check_task again")]
    public async Task CheckTask_ProviderError_MeaningAndNextStep(SeedanceErrorKind kind, string expected, string next)
    {
        _client.GetTaskAsync("task_1", Arg.Any<DateTimeOffset?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new SeedanceApiException(kind, "provider said no", HttpStatusCode.ServiceUnavailable));

        var outcome = await Check("task_1");

        Assert.True(outcome.IsError);
        Assert.Equal(expected, outcome.Str("kind"));
        Assert.Contains(next, outcome.Str("next_step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTask_CancelledByTheProvider_ReportedAsDoneWithoutVideo()
    {
        _client.GetTaskAsync("task_2", Arg.Any<DateTimeOffset?>(), Arg.Any<CancellationToken>())
            .Returns(new SeedanceTask { Id = "task_2", State = SeedanceTaskState.Cancelled, RawStatus = "cancelled" });

        var outcome = await Check("task_2");

        Assert.Equal("cancelled", outcome.Str("status"));
        Assert.True(outcome.Structured.GetProperty("done").GetBoolean());
        Assert.Null(outcome.StrOrNull("video_url"));
    }

    [Fact]
    public async Task CheckTask_SucceededButLinkGone_ReportsTheDownloadProblemNotAFailure()
    {
        _client.GetTaskAsync("task_3", Arg.Any<DateTimeOffset?>(), Arg.Any<CancellationToken>()).Returns(new SeedanceTask
        {
            Id = "task_3",
            State = SeedanceTaskState.Succeeded,
            VideoUrls = ["http://127.0.0.1:9/expired.mp4"],
        });

        var outcome = await Check("task_3");

        Assert.False(outcome.IsError);
        Assert.Equal("succeeded", outcome.Str("status"));
        Assert.NotNull(outcome.StrOrNull("download_error"));
        Assert.Equal("http://127.0.0.1:9/expired.mp4", outcome.Str("video_url"));
        Assert.DoesNotContain("file path", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Contains("check_task", outcome.Str("next_step"), StringComparison.Ordinal);
    }
}
