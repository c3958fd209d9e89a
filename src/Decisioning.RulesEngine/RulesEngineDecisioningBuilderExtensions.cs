using Decisioning.Hosting;
using Decisioning.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RulesEngine.Models;

namespace Decisioning.RulesEngine;

/// <summary>Adds Microsoft RulesEngine workflows to Decisioning's policy gate.</summary>
public static class RulesEngineDecisioningBuilderExtensions
{
    /// <summary>Runs the workflows of these JSON files (relative to the content root) at the policy gate; the files reload like maps.</summary>
    /// <example><c>d.AddRulesEnginePolicy("workflows/kyc.json")</c></example>
    public static DecisioningBuilder AddRulesEnginePolicy(this DecisioningBuilder builder, params string[] workflowFiles)
    {
        ArgumentNullException.ThrowIfNull(workflowFiles);
        return builder.AddRulesEnginePolicy(o =>
        {
            foreach (var file in workflowFiles)
            {
                o.WorkflowFiles.Add(file);
            }
        });
    }

    /// <summary>Runs workflows made in code at the policy gate.</summary>
    public static DecisioningBuilder AddRulesEnginePolicy(this DecisioningBuilder builder, IEnumerable<Workflow> workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        return builder.AddRulesEnginePolicy(o =>
        {
            foreach (var workflow in workflows)
            {
                o.Workflows.Add(workflow);
            }
        });
    }

    /// <summary>
    /// Runs RulesEngine workflows at the policy gate (see <see cref="RulesEnginePolicy"/>). The
    /// workflows load when the first map version loads: a workflow that cannot be read, that
    /// RulesEngine refuses, or one of whose expressions the sandbox refuses for that map's customer
    /// fails the version's load (at start: the host does not start; on a map reload: the serving
    /// version stays). Each workflow is compiled once per map field layout, off the decision path.
    /// </summary>
    public static DecisioningBuilder AddRulesEnginePolicy(this DecisioningBuilder builder, Action<RulesEnginePolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RulesEnginePolicyOptions();
        configure(options);
        if (options.WorkflowFiles.Count == 0 && options.Workflows.Count == 0)
        {
            throw new ArgumentException("AddRulesEnginePolicy needs at least one workflow file or workflow", nameof(configure));
        }

        // One source per registration, owned (and disposed) by the container.
        var key = new object();
        builder.Services.AddKeyedSingleton(key, (services, _) =>
        {
            var hosting = HostingOptions(services);
            var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return new WorkflowSource(options, root, hosting.WatchForChanges, hosting.ReloadDebounce, Logger(services));
        });
        return builder.AddPolicy(context => options.AppliesTo(context.MapId) ? Create(context, key, options) : null);
    }

    private static RulesEnginePolicy Create(DecisionPolicyContext context, object key, RulesEnginePolicyOptions options)
    {
        var source = context.Services.GetRequiredKeyedService<WorkflowSource>(key);
        var customer = CustomerInputType.For(context.Plan);
        source.Serve(context.MapId, customer);
        return new RulesEnginePolicy(source, customer, options.OnError, Logger(context.Services));
    }

    /// <summary>
    /// The engine's options (watching, debounce) as configured, read without <c>IOptions.Value</c>
    /// and its validation: this runs inside a map's load, and the engine reports bad options itself.
    /// </summary>
    private static DecisioningOptions HostingOptions(IServiceProvider services)
    {
        var options = new DecisioningOptions();
        foreach (var configure in services.GetServices<IConfigureOptions<DecisioningOptions>>())
        {
            configure.Configure(options);
        }

        foreach (var configure in services.GetServices<IPostConfigureOptions<DecisioningOptions>>())
        {
            configure.PostConfigure(Options.DefaultName, options);
        }

        return options;
    }

    private static ILogger Logger(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(DecisioningTelemetry.LogCategory);
}
