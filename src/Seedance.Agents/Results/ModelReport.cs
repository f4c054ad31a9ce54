using System.ComponentModel;

namespace Seedance.Agents.Results;

/// <summary>What one model allows and costs today, with the source and date of its figures.</summary>
public sealed record ModelReport
{
    /// <summary>The id to pass as <c>model</c>.</summary>
    [Description("The id to pass as model (the one the provider lists).")]
    public required string Name { get; init; }

    /// <summary>Other ids accepted for it.</summary>
    [Description("Other ids accepted for the same model.")]
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>What it is for.</summary>
    [Description("What the model is for.")]
    public string? Summary { get; init; }

    /// <summary>The resolutions it renders.</summary>
    [Description("The resolutions it renders.")]
    public required IReadOnlyList<string> Resolutions { get; init; }

    /// <summary>The allowed lengths, in words.</summary>
    [Description("The lengths allowed for one clip, in words.")]
    public required string Durations { get; init; }

    /// <summary>The longest clip in seconds.</summary>
    [Description("The longest clip in seconds.")]
    public required int MaxDurationSeconds { get; init; }

    /// <summary>The most reference images.</summary>
    [Description("The most reference images (image_urls or image_with_roles).")]
    public required int MaxImages { get; init; }

    /// <summary>The most reference videos.</summary>
    [Description("The most reference videos (video_urls).")]
    public required int MaxVideos { get; init; }

    /// <summary>The most reference audio clips.</summary>
    [Description("The most reference audio clips (audio_urls).")]
    public required int MaxAudios { get; init; }

    /// <summary>The values of <c>output_format</c>, when it has the field.</summary>
    [Description("The values of output_format; absent when the model has no such field.")]
    public IReadOnlyList<string>? OutputFormats { get; init; }

    /// <summary>The values of <c>omni_reference_task_type</c>, when it has the field.</summary>
    [Description("The values of omni_reference_task_type; absent when the model has no such field.")]
    public IReadOnlyList<string>? ReferenceTaskTypes { get; init; }

    /// <summary>Whether the provider extends a clip itself on this model.</summary>
    [Description("True when extend_video has the provider continue the clip itself on this model; false: from its last frame.")]
    public required bool ProviderExtends { get; init; }

    /// <summary>Where the limits come from.</summary>
    [Description("Where the limits come from: the provider's live schema, the provider's page, or a secondary report.")]
    public string? LimitsSource { get; init; }

    /// <summary>When the limits were read.</summary>
    [Description("When the limits were read (date or month).")]
    public string? LimitsCheckedOn { get; init; }

    /// <summary>True while the limits are only reported.</summary>
    [Description("True while the limits come only from a secondary source, not yet confirmed by the provider.")]
    public required bool LimitsReported { get; init; }

    /// <summary>The known prices; a resolution missing has no estimate.</summary>
    [Description("The known prices per resolution; a resolution missing here has no published price.")]
    public required IReadOnlyList<ModelPriceReport> Prices { get; init; }
}
