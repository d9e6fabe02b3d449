using AuditHarness.Cli;

return CliApplication.Run(args);
