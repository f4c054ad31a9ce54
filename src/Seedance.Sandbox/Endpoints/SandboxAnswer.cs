using System.Text.Json.Nodes;

namespace Seedance.Sandbox.Endpoints;

/// <summary>
/// An answer a handler decided on, written (or damaged by a fault) afterwards. <paramref name="Replayed"/> adds
/// <c>Idempotency-Replayed: true</c>: the answer repeats an earlier submit's.
/// </summary>
internal sealed record SandboxAnswer(int Status, JsonNode Body, bool Replayed = false)
{
    public static SandboxAnswer Error(int status, string type, string message) => new(status, SandboxJson.Envelope(status, type, message));
}
