return await RolloutController.Cli.RolloutCtl.RunAsync(args);
