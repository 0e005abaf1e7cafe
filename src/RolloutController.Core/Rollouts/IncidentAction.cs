namespace RolloutController.Rollouts;

/// <summary>What a notice means to an incident tool (PagerDuty, Alertmanager): open or keep open, close, or neither.</summary>
internal enum IncidentAction
{
    /// <summary>Informational or a warning while the rollout goes on: no incident is opened or closed.</summary>
    None,

    /// <summary>The controller stopped the rollout on its own (rollback, pause on bad data, rollback not stored): page.</summary>
    Trigger,

    /// <summary>A person took over, or the rollout finished: the incident of this rollout, if any, is over.</summary>
    Resolve,
}
