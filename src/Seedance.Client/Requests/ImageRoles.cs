namespace Seedance.Client.Requests;

/// <summary>The roles an image can play in <c>image_with_roles</c>.</summary>
public static class ImageRoles
{
    /// <summary>The video starts on this image.</summary>
    public const string FirstFrame = "first_frame";
    /// <summary>The video ends on this image.</summary>
    public const string LastFrame = "last_frame";
    /// <summary>A reference portrait (used with asset URLs).</summary>
    public const string ReferenceImage = "reference_image";

    /// <summary>Every accepted role.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstFrame, LastFrame, ReferenceImage];
}
