namespace Seedance.Sandbox.Faults;

/// <summary>Which provider endpoint a fault applies to.</summary>
public enum FaultEndpoint
{
    /// <summary>Every endpoint.</summary>
    Any,
    /// <summary><c>POST /v1/videos/generations</c>.</summary>
    Submit,
    /// <summary><c>GET /v1/tasks/{id}</c>.</summary>
    Status,
    /// <summary><c>POST /v1/uploads/images</c>.</summary>
    Upload,
    /// <summary><c>GET /v1/balance</c>.</summary>
    Balance,
    /// <summary>Result files: <c>GET /files/videos/…</c> and <c>/files/frames/…</c> (only rules naming <c>files/</c>, or file-only kinds, apply here).</summary>
    Files,
    /// <summary>The model facts: <c>GET /v1/models</c>, <c>/v1/model-schema</c> and <c>/api/pricing/model</c> (only rules naming <c>models/</c> apply here).</summary>
    Models,
}
