namespace RolloutController.SampleService;

/// <summary>Where the value a request was served came from.</summary>
internal enum FlagAnswerSource
{
    /// <summary>The controller answered this evaluation.</summary>
    Controller,

    /// <summary>The controller could not be asked; the last answer it gave for this flag and user was used.</summary>
    LastKnownGood,

    /// <summary>The controller could not be asked and had never answered for this user: the code default (off).</summary>
    Default,
}
