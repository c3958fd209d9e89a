using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;

namespace Decisioning.Validation;

/// <summary>
/// Checks a whole <see cref="MapDocument"/>: the map's own keys, id uniqueness per section, and
/// each section through its own validator. Every failure is collected; nothing stops early.
/// </summary>
internal sealed class MapValidator : AbstractValidator<MapDocument>
{
    public MapValidator(MapSymbols symbols)
    {
        RuleFor(x => x).Custom((doc, ctx) =>
        {
            if (doc.Id is null)
            {
                ctx.Report(DiagnosticCodes.MissingKey, "the map needs 'map:' with its id", doc.Location);
            }
            else
            {
                ctx.CheckId(doc.Id, doc.Location, "the map");
            }

            Duplicates(ctx, doc.Tiers.Select(x => x.Id), "tier");
            Duplicates(ctx, doc.Lifecycle.Select(x => x.Id), "lifecycle stage");
            Duplicates(ctx, doc.Segments.Select(x => x.Id), "segment");
            Duplicates(ctx, doc.Objectives.Select(x => x.Id), "objective");
            Duplicates(ctx, doc.Products.Select(x => x.Id), "product");
            Duplicates(ctx, doc.Channels.Select(x => x.Id), "channel");
            Duplicates(ctx, doc.Scripts.Select(x => x.Id), "script");
            Duplicates(ctx, doc.Scenarios.Select(x => x.Id), "scenario");
            Duplicates(ctx, doc.Strategies.Select(x => x.Id), "strategy");
            Duplicates(ctx, doc.Models.Select(x => x.Id), "model");
            Duplicates(ctx, doc.Suppression.Select(x => x.Id), "suppression rule");
            CheckFallback(ctx, doc);
            Duplicates(ctx, doc.Customer.Fields.Select(x => (Located<string>?)x.Name), "customer field");
            Duplicates(ctx, doc.Customer.Events.Select(x => (Located<string>?)x.Id), "event");
            if (doc.Strategies.Count == 0)
            {
                ctx.Warn(DiagnosticCodes.EmptyMap, "the map has no strategies: every decision will be empty", doc.Location);
            }
        });

        RuleFor(x => x.Customer).SetValidator(new CustomerSchemaValidator());
        RuleForEach(x => x.Tiers).SetValidator(new RuleDeclValidator("a tier"));
        RuleForEach(x => x.Lifecycle).SetValidator(new RuleDeclValidator("a lifecycle stage"));
        RuleForEach(x => x.Segments).SetValidator(new SegmentValidator());
        RuleForEach(x => x.Objectives).SetValidator(new ObjectiveValidator());
        RuleForEach(x => x.Products).SetValidator(new ProductValidator());
        RuleForEach(x => x.Channels).SetValidator(new ChannelValidator());
        RuleForEach(x => x.Scripts).SetValidator(new ScriptValidator());
        RuleForEach(x => x.Scenarios).SetValidator(new ScenarioValidator(symbols));
        RuleForEach(x => x.Strategies).SetValidator(new StrategyValidator(symbols));
        RuleForEach(x => x.Models).SetValidator(new ModelValidator(symbols));
        RuleFor(x => x.Arbitration).SetValidator(new ArbitrationValidator());
        RuleForEach(x => x.Suppression).SetValidator(new SuppressionValidator());
        RuleFor(x => x.Experiment!).SetValidator(new ExperimentValidator()).When(x => x.Experiment is not null);
    }

    // arbitration.fallback names a strategy that can be returned: one that exists and targets someone.
    private static void CheckFallback(ValidationContext<MapDocument> ctx, MapDocument doc)
    {
        if (doc.Arbitration.Fallback is not { } fallback)
        {
            return;
        }

        var strategy = doc.Strategies.FirstOrDefault(s => s.Id?.Value == fallback.Value);
        if (strategy is null)
        {
            ctx.Report(DiagnosticCodes.UnknownReference,
                $"unknown fallback strategy '{fallback.Value}'" +
                Parsing.Suggestions.DidYouMean(fallback.Value, doc.Strategies.Where(s => s.Id is not null).Select(s => s.Id!.Value.Value)),
                fallback.Location);
            return;
        }

        var segments = doc.Segments.Where(s => s.Id is not null).Select(s => s.Id!.Value.Value).ToHashSet(StringComparer.Ordinal);
        if (strategy.TargetWritten && !strategy.Target.Any(t => t.Value == "all" || segments.Contains(t.Value)))
        {
            ctx.Report(DiagnosticCodes.BadValue,
                $"fallback strategy '{fallback.Value}' targets no one (its 'target' names no segment); a fallback must be able to reach a customer",
                fallback.Location);
        }
    }

    /// <summary>A repeated id is reported where it is repeated, naming the first place.</summary>
    private static void Duplicates(ValidationContext<MapDocument> ctx, IEnumerable<Located<string>?> ids, string kind)
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (id is not { } value)
            {
                continue;
            }

            if (!first.TryAdd(value.Value, value.Location))
            {
                ctx.Report(DiagnosticCodes.DuplicateId,
                    $"{kind} '{value.Value}' is already declared at {first[value.Value]}", value.Location);
            }
        }
    }
}
