namespace Seedance.Agents.Tools;

/// <summary>The tool names, the same in every host.</summary>
public static class ToolNames
{
    /// <summary>Starts a paid generation.</summary>
    public const string GenerateVideo = "generate_video";
    /// <summary>Reads (and optionally waits on) a task.</summary>
    public const string CheckTask = "check_task";
    /// <summary>Continues a finished clip from its last frame.</summary>
    public const string ExtendVideo = "extend_video";
    /// <summary>Lists journaled tasks.</summary>
    public const string ListTasks = "list_tasks";
    /// <summary>Renders a storyboard shot by shot in the background and stitches one film.</summary>
    public const string GenerateLongVideo = "generate_long_video";
    /// <summary>Stops a long video: no further shot is sent, and the shots done become a shorter film.</summary>
    public const string StopLongVideo = "stop_long_video";
    /// <summary>Reads the account balance and today's spend.</summary>
    public const string GetBalance = "get_balance";

    /// <summary>What each model allows and costs today.</summary>
    public const string ListModels = "list_models";
}
