namespace Seedance.Agents.Tests.Sandbox.Tests;

/// <summary>A valid 1×1 PNG.</summary>
public static class Png
{
    public static byte[] Bytes { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
