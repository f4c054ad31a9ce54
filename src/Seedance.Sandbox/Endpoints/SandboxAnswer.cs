using System.Text.Json.Nodes;

namespace Seedance.Sandbox.Endpoints;

/// <summary>An answer a handler decided on, written (or damaged by a fault) afterwards.</summary>
internal sealed record SandboxAnswer(int Status, JsonNode Body)
{
    public static SandboxAnswer Error(int status, string type, string message) => new(status, SandboxJson.Envelope(status, type, message));
}
