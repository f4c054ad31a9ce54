using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Seedance.SemanticKernel.Tests;

/// <summary>
/// A stand-in for a chat model, with no network: it turns requests like "a 10-second vertical clip of a cat surfing,
/// with sound" into a generate_video call, reads the tool's answer, fixes its call from the listed violations when
/// the answer is an error, and finally replies with the task id. It only uses the tools it was offered.
/// </summary>
internal sealed partial class ScriptedModel(bool firstCallWrong = false) : IChatClient
{
    public List<IList<AITool>> OfferedTools { get; } = [];

    public List<FunctionCallContent> Calls { get; } = [];

    public List<string> Results { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        OfferedTools.Add(options?.Tools ?? []);
        var tool = options?.Tools?.OfType<AIFunctionDeclaration>().FirstOrDefault(t => t.Name.EndsWith("generate_video", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("generate_video was not offered to the model");

        var last = history[^1];
        var result = last.Contents.OfType<FunctionResultContent>().LastOrDefault();
        if (result is null)
        {
            var request = history.Last(m => m.Role == ChatRole.User).Text;
            return Call(tool.Name, ArgumentsFor(request, firstCallWrong));
        }

        var answer = result.Result is JsonElement element ? element : JsonSerializer.SerializeToElement(result.Result?.ToString());
        var text = answer.ValueKind == JsonValueKind.String ? answer.GetString()! : answer.GetRawText();
        Results.Add(text);
        using var parsed = JsonDocument.Parse(text);
        if (parsed.RootElement.TryGetProperty("violations", out var violations))
        {
            // Correct the call from what the tool said was allowed.
            var arguments = new Dictionary<string, object?>(Calls[^1].Arguments!);
            foreach (var violation in violations.EnumerateArray())
            {
                var parameter = violation.GetProperty("parameter").GetString()!;
                if (parameter == "size" && violation.GetProperty("allowed").GetString()!.Contains("9:16", StringComparison.Ordinal))
                {
                    arguments["size"] = "9:16";
                }
            }

            return Call(tool.Name, arguments);
        }

        var id = parsed.RootElement.GetProperty("task_id").GetString();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
            $"Your video is rendering as task {id}. I will check on it with check_task.")));
    }

    private Task<ChatResponse> Call(string name, Dictionary<string, object?> arguments)
    {
        var call = new FunctionCallContent($"call_{Calls.Count + 1}", name, arguments);
        Calls.Add(call);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
    }

    private static Dictionary<string, object?> ArgumentsFor(string request, bool wrong)
    {
        var arguments = new Dictionary<string, object?> { ["prompt"] = request };
        if (Seconds().Match(request) is { Success: true } seconds)
        {
            arguments["duration"] = int.Parse(seconds.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (request.Contains("vertical", StringComparison.OrdinalIgnoreCase))
        {
            arguments["size"] = wrong ? "vertical" : "9:16";
        }

        if (request.Contains("with sound", StringComparison.OrdinalIgnoreCase))
        {
            arguments["generate_audio"] = true;
        }

        return arguments;
    }

    [GeneratedRegex(@"(\d+)[- ]second")]
    private static partial Regex Seconds();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
