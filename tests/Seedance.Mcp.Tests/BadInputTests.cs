using ModelContextProtocol;

namespace Seedance.Mcp.Tests;

/// <summary>Input no tool can use: each answer names what was wrong, briefly.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task ResourceRead_UnknownLongId_IsResourceNotFoundWithAShortMessage()
    {
        await using var f = await McpServerFixture.StartAsync();
        var id = "task_" + new string('x', 10_000);

        var task = await Assert.ThrowsAsync<McpProtocolException>(() => f.Client.ReadResourceAsync($"seedance://tasks/{id}").AsTask());
        var other = await Assert.ThrowsAsync<McpProtocolException>(() => f.Client.ReadResourceAsync("seedance://nothing/" + id).AsTask());

        foreach (var error in new[] { task, other })
        {
            Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
            Assert.True(error.Message.Length < 400, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Contains("No task 'task_xxx", task.Message, StringComparison.Ordinal);
        Assert.Contains("(10005 characters)", task.Message, StringComparison.Ordinal);
    }
}
