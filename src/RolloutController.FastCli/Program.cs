return await RolloutController.FastCli.FastCtl.RunAsync(args);
