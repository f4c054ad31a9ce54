namespace Seedance.Client.Http;

/// <summary>What a provider call is, which decides how its failures read and whether it may be repeated.</summary>
internal enum CallKind
{
    /// <summary>A read (GET); safe to repeat, retried by the pipeline.</summary>
    Read,

    /// <summary>A task status read; as <see cref="Read"/>, and 400/404 mean the task does not exist.</summary>
    TaskLookup,

    /// <summary>
    /// A generation submit (POST) that may pay: once it may have reached the provider it is repeated only byte for byte with
    /// the same <c>Idempotency-Key</c>, so the provider replays it instead of creating another task.
    /// </summary>
    Submit,

    /// <summary>An image upload (POST); not repeated by the pipeline, but costs nothing, so failures read as for a read.</summary>
    Upload,
}
