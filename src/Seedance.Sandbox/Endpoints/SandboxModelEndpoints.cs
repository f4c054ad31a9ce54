using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Faults;
using Seedance.Sandbox.Models;

namespace Seedance.Sandbox.Endpoints;

/// <summary>
/// The provider's model facts as the sandbox serves them: the model list, each model's input schema and its price, with
/// faults for them (<c>models/500</c>, <c>models/malformed</c>, <c>models/drop</c>, <c>models/latency:…</c>) and
/// <c>POST /_sandbox/models</c> to change a model while running.
/// </summary>
internal static class SandboxModelEndpoints
{
    public static void Map(WebApplication app, SandboxState state)
    {
        app.MapGet("/v1/models", context => ServeAsync(context, state, authorize: true, () => ModelList(state)));
        app.MapGet("/v1/model-schema", context => ServeAsync(context, state, authorize: true, () => SchemaOf(context, state)));
        // The provider's pricing page answers without a key.
        app.MapGet("/api/pricing/model", context => ServeAsync(context, state, authorize: false, () => PricingOf(context, state)));
        app.MapPost("/_sandbox/models", async context =>
        {
            if (!await SandboxEndpoints.AuthorizeAsync(context, state))
            {
                return;
            }

            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            try
            {
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    state.Models.Apply(line);
                }
            }
            catch (FormatException ex)
            {
                await SandboxJson.ErrorAsync(context, 400, "invalid_request_error", ex.Message);
                return;
            }

            await SandboxJson.WriteAsync(context, 200, new JsonObject { ["models"] = new JsonArray(state.Models.Catalog.Names.Select(n => (JsonNode)n).ToArray()) });
        });
    }

    private static async Task ServeAsync(HttpContext context, SandboxState state, bool authorize, Func<SandboxAnswer> answer)
    {
        if (authorize && !await SandboxEndpoints.AuthorizeAsync(context, state))
        {
            return;
        }

        var faults = state.Faults.Take(FaultEndpoint.Models);
        foreach (var _ in faults)
        {
            state.Counters.FaultInjected();
        }

        state.Counters.Called(FaultEndpoint.Models);
        await SandboxEndpoints.DelayAsync(context, faults);

        if (faults.FirstOrDefault(f => f.Kind is FaultKind.RateLimit or FaultKind.ServerError or FaultKind.BadGateway) is { } refusal)
        {
            await SandboxEndpoints.RefuseAsync(context, refusal);
            return;
        }

        if (await SandboxEndpoints.DamagedAsync(context, faults, "<html><body>maintenance</body></html>", () => answer().Body.ToJsonString()))
        {
            return;
        }

        var result = answer();
        await SandboxJson.WriteAsync(context, result.Status, result.Body);
    }

    private static SandboxAnswer ModelList(SandboxState state)
    {
        // The real list holds every model the provider resells; one that is not Seedance shows clients must filter.
        var data = new JsonArray(new JsonObject { ["id"] = "gpt-image-1", ["object"] = "model", ["owned_by"] = "openai" });
        foreach (var model in state.Models.Catalog.Models)
        {
            data.Add((JsonNode)new JsonObject { ["id"] = model.Name, ["object"] = "model", ["owned_by"] = "bytedance" });
        }

        return new SandboxAnswer(200, new JsonObject { ["object"] = "list", ["data"] = data });
    }

    private static SandboxAnswer SchemaOf(HttpContext context, SandboxState state)
    {
        var id = context.Request.Query["model"].ToString();
        var operation = context.Request.Query["operation"].ToString();
        if (operation.Length > 0 && operation != "video_generation")
        {
            return SandboxAnswer.Error(400, "invalid_request_error", $"Unsupported operation '{operation}' for {id}.");
        }

        return state.Models.Catalog.TryGet(id, out var model) && model.Name == id
            ? new SandboxAnswer(200, SandboxModels.Schema(model))
            : SandboxAnswer.Error(404, "not_found_error", $"Model '{id}' not found.");
    }

    private static SandboxAnswer PricingOf(HttpContext context, SandboxState state)
    {
        var id = context.Request.Query["model"].ToString();
        if (!state.Models.Catalog.TryGet(id, out var model) || model.Name != id)
        {
            return new SandboxAnswer(200, new JsonObject { ["success"] = false, ["message"] = $"model {id} not found" });
        }

        var rates = state.Models.PublishedRates(model);
        var table = new JsonObject();
        foreach (var (resolution, rate) in rates)
        {
            table[resolution] = rate;
        }

        return new SandboxAnswer(200, new JsonObject
        {
            ["success"] = true,
            ["data"] = new JsonObject
            {
                ["model_name"] = model.Name,
                ["billing_type"] = "per_second",
                ["model_price"] = rates.Count > 0 ? rates.Values.Min() : null,
                ["discount_rate"] = 1,
                ["resolution_enabled"] = true,
                ["supported_sizes"] = new JsonArray(Client.Requests.VideoSizes.All.Select(s => (JsonNode)s).ToArray()),
                ["resolution_prices"] = table,
            },
        });
    }
}
