using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Seedance.Testing;

/// <summary>
/// A scripted model behind the OpenAI chat-completions wire format on loopback (linked into the sample tests): the
/// first request is answered with one tool call, the one after the tool's result with a text made from that result.
/// Every request body is kept, so a test can read the tools and messages the host sent.
/// </summary>
internal sealed class ScriptedChatModel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonNode> _requests = [];

    private ScriptedChatModel(WebApplication app) => _app = app;

    /// <summary>The endpoint's base address with <c>/v1</c>, as OpenAI-compatible clients take it.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>The request bodies received so far, in order.</summary>
    public IReadOnlyList<JsonNode> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <param name="callTool">Picks the tool to call and its arguments from the request's <c>tools</c> list.</param>
    /// <param name="answer">The final text, from the tool message's content.</param>
    public static async Task<ScriptedChatModel> StartAsync(Func<JsonArray, (string Name, JsonObject Arguments)> callTool, Func<string, string> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var model = new ScriptedChatModel(builder.Build());
        model._app.MapPost("/v1/chat/completions", model.AnswerAsync(callTool, answer));
        await model._app.StartAsync();
        var address = model._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        model.Endpoint = address + "/v1";
        return model;
    }

    /// <summary>
    /// How to run a sample (its built dll beside the tests) once against this model and the sample's own sandbox, with no key:
    /// the sample's <c>{prefix}_ENDPOINT</c>, <c>_API_KEY</c> and <c>_MODEL</c> name this model, and its journal and videos go
    /// under <paramref name="root"/>.
    /// </summary>
    public ProcessStartInfo SampleRun(string sampleDll, string prefix, string request, string root)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, sampleDll), "--once", request },
        };
        start.Environment[prefix + "_ENDPOINT"] = Endpoint;
        start.Environment[prefix + "_API_KEY"] = "test-key";
        start.Environment[prefix + "_MODEL"] = "scripted";
        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");
        start.Environment["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db");
        start.Environment["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos");
        return start;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private RequestDelegate AnswerAsync(Func<JsonArray, (string Name, JsonObject Arguments)> callTool, Func<string, string> answer) => async context =>
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        lock (_requests)
        {
            _requests.Add(body);
        }

        var last = body["messages"]!.AsArray()[^1]!;
        JsonObject message;
        string finish;
        if (last["role"]!.GetValue<string>() == "tool")
        {
            message = new JsonObject { ["role"] = "assistant", ["content"] = answer(last["content"]!.ToString()) };
            finish = "stop";
        }
        else
        {
            var (name, arguments) = callTool(body["tools"]!.AsArray());
            message = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments.ToJsonString() },
                }),
            };
            finish = "tool_calls";
        }

        var response = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1765000000,
            ["model"] = "scripted",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    };
}
