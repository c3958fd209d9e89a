using System.Collections.Concurrent;
using System.Text.Json;
using RulesEngine.Exceptions;
using RulesEngine.Models;
using RulesEngineCore = RulesEngine.RulesEngine;

namespace Decisioning.RulesEngine;

/// <summary>
/// One loaded state of the policy's workflows: the workflows in order, the RulesEngine instance
/// that runs them (with <see cref="RulesEngineSettings.Sandboxed"/>), and which input types they
/// have been checked against. Immutable once made; a reload makes a new one.
/// </summary>
internal sealed class WorkflowSet
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Per customer input type: null when every expression passed the sandbox, else the problems.
    private readonly ConcurrentDictionary<Type, string?> _checked = new();

    private WorkflowSet(IReadOnlyList<Workflow> workflows, IReadOnlyDictionary<string, string> origins)
    {
        Workflows = workflows;
        Origins = origins;
        Engine = new RulesEngineCore([.. workflows], RulesEngineSettings.Sandboxed());
    }

    public IReadOnlyList<Workflow> Workflows { get; }

    /// <summary>Where each workflow came from (its file, or "code"), for messages.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; }

    public RulesEngineCore Engine { get; }

    public int RuleCount => Workflows.Sum(w => w.Rules?.Count(r => r.Enabled) ?? 0);

    /// <summary>Rules that name actions, which the policy gate never runs: "workflow/rule" each.</summary>
    public IEnumerable<string> RulesWithActions => Workflows.SelectMany(w =>
        (w.Rules ?? []).Where(r => r.Actions?.OnSuccess is not null || r.Actions?.OnFailure is not null).Select(r => $"{w.WorkflowName}/{r.RuleName}"));

    /// <summary>Reads the workflow files (each a workflow or an array of them) and adds <paramref name="objects"/>.</summary>
    /// <exception cref="WorkflowLoadException">A file is unreadable or not workflow JSON, or RulesEngine refuses a workflow.</exception>
    public static WorkflowSet Load(IReadOnlyList<string> files, IReadOnlyList<Workflow> objects)
    {
        var workflows = new List<Workflow>();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();

        void Add(Workflow workflow, string origin)
        {
            if (string.IsNullOrWhiteSpace(workflow.WorkflowName))
            {
                problems.Add($"{origin}: a workflow has no WorkflowName");
            }
            else if (!origins.TryAdd(workflow.WorkflowName, origin))
            {
                problems.Add($"{origin}: workflow '{workflow.WorkflowName}' is defined again (first in {origins[workflow.WorkflowName]})");
            }
            else
            {
                workflows.Add(workflow);
            }
        }

        foreach (var file in files)
        {
            foreach (var workflow in Read(file, problems))
            {
                Add(workflow, file);
            }
        }

        foreach (var workflow in objects)
        {
            Add(workflow, "code");
        }

        if (workflows.Count == 0 && problems.Count == 0)
        {
            problems.Add("no workflow was given (add files or workflow objects)");
        }

        if (problems.Count > 0)
        {
            throw new WorkflowLoadException(problems);
        }

        try
        {
            return new WorkflowSet(workflows, origins);
        }
        catch (RuleValidationException e)
        {
            throw new WorkflowLoadException([$"RulesEngine refused the workflows: {e.Message}"]);
        }
    }

    /// <summary>
    /// Whether every expression passes the sandbox over <paramref name="customer"/>; null when it
    /// does, else the problems. Checked once per input type; then each workflow is compiled by
    /// one call on blank inputs, so that no decision pays RulesEngine's compilation.
    /// </summary>
    public string? Check(CustomerInputType customer) => _checked.GetOrAdd(customer.Type, _ =>
    {
        var problems = Workflows
            .SelectMany(w => WorkflowSandbox.Check(w, customer.Type).Select(p => $"{Origins[w.WorkflowName]}: workflow '{w.WorkflowName}', {p}"))
            .ToList();
        if (problems.Count > 0)
        {
            return string.Join('\n', problems);
        }

        var inputs = Inputs(customer.Blank(), new CandidateInput());
        foreach (var workflow in Workflows)
        {
            // Results on blank inputs mean nothing (a null string may throw); only the compilation counts.
            Engine.ExecuteAllRulesAsync(workflow.WorkflowName, inputs).AsTask().GetAwaiter().GetResult();
        }

        return null;
    });

    /// <summary>The two named inputs, in the order RulesEngine sorts them.</summary>
    public static RuleParameter[] Inputs(object customer, CandidateInput action) =>
        [new RuleParameter(RulesEngineInputs.Action, action), new RuleParameter(RulesEngineInputs.Customer, customer)];

    private static IEnumerable<Workflow> Read(string file, List<string> problems)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array
                ? root.Deserialize<List<Workflow>>(Json)?.Where(w => w is not null).ToList() ?? []
                : [root.Deserialize<Workflow>(Json)!];
        }
        catch (JsonException e)
        {
            problems.Add(e.LineNumber is { } line
                ? $"{file}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}: not workflow JSON: {e.Message}"
                : $"{file}: not workflow JSON: {e.Message}");
        }
        catch (IOException e)
        {
            problems.Add($"{file}: cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            problems.Add($"{file}: cannot be read: {e.Message}");
        }

        return [];
    }
}

/// <summary>The policy's workflows could not be loaded; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class WorkflowLoadException : Exception
{
    /// <summary>Every problem found, one a line.</summary>
    public WorkflowLoadException(IReadOnlyList<string> problems)
        : base("the RulesEngine workflows cannot be used:\n" + string.Join('\n', problems)) => Problems = problems;

    /// <summary>The problems, one an item.</summary>
    public IReadOnlyList<string> Problems { get; }
}
