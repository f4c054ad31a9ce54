namespace Seedance.Sandbox.Media;

/// <summary>The real result files the sandbox serves: a short MP4 clip and a PNG last frame.</summary>
internal static class SandboxMedia
{
    private static readonly Lazy<byte[]> Video = new(() => Load("Seedance.Sandbox.sample.mp4"));
    private static readonly Lazy<byte[]> Frame = new(() => Load("Seedance.Sandbox.last-frame.png"));

    public static byte[] Mp4 => Video.Value;

    public static byte[] LastFramePng => Frame.Value;

    private static byte[] Load(string name)
    {
        using var stream = typeof(SandboxMedia).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The sandbox resource {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
