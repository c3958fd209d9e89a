using Decisioning.History;
using Decisioning.Reporting;
using Decisioning.Reporting.Board;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Rendering.Board;
using Decisioning.Reporting.Rendering.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Decisioning.Serialization;

namespace Decisioning.Board;

/// <summary>Registers the live strategy board and maps its endpoints.</summary>
public static class DecisioningBoardExtensions
{
    /// <summary>
    /// Adds the board's options and the <see cref="RecentDecisions"/> sink (a singleton the host
    /// adds its decision and outcome lines to).
    /// </summary>
    public static IServiceCollection AddDecisioningBoard(this IServiceCollection services, Action<DecisioningBoardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DecisioningBoardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DecisioningBoardOptions>>().Value;
            return new RecentDecisions(o.DecisionCapacity, o.OutcomeCapacity);
        });
        return services;
    }

    /// <summary>
    /// Maps <c>GET {pattern}</c> (the page) and <c>GET {pattern}/dashboard.json</c>, built on each
    /// request from the host's interaction history when one is attached (and
    /// <see cref="DecisioningBoardOptions.FromHistory"/>), else from the recent decisions;
    /// <c>?period=7d</c> and <c>?lang=zh</c> override the options.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// No <see cref="DecisioningBoardOptions.AuthorizationPolicy"/> is named and
    /// <see cref="DecisioningBoardOptions.AllowAnonymous"/> is not set; or the named policy is not
    /// registered; or <see cref="AddDecisioningBoard"/> was not called; or
    /// <see cref="DecisioningBoardOptions.HistorySpan"/> is not a duration.
    /// </exception>
    public static IEndpointConventionBuilder MapDecisioningBoard(this IEndpointRouteBuilder endpoints, string pattern = "/decisioning")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<RecentDecisions>() is null)
        {
            throw new InvalidOperationException("MapDecisioningBoard needs services.AddDecisioningBoard(...) first.");
        }

        var options = services.GetRequiredService<IOptions<DecisioningBoardOptions>>().Value;
        if (options.HistorySpan is { } span && !AttributionWindow.TryParse(span, out _))
        {
            throw new InvalidOperationException($"The board's HistorySpan '{span}' is not a duration such as 90d, 12h or 30m (or null for all of the history).");
        }

        var group = endpoints.MapGroup(pattern);
        if (options.AuthorizationPolicy is { } policy)
        {
            EnsurePolicyExists(services, policy);
            group.RequireAuthorization(policy);
        }
        else if (options.AllowAnonymous)
        {
            group.AllowAnonymous();
        }
        else
        {
            throw new InvalidOperationException(
                "The strategy board shows every strategy's customers and results: name the authorization policy that may see it "
                + "(AddDecisioningBoard(o => o.AuthorizationPolicy = \"...\")), or set AllowAnonymous = true to serve it to anyone.");
        }

        group.MapGet("/", (HttpContext context, RecentDecisions recent) =>
        {
            if (!TryBuild(context, recent, options, out var board, out var language, out var problem))
            {
                return problem;
            }

            return Results.Text(DashboardHtmlWriter.Render(board, language), "text/html; charset=utf-8");
        });
        group.MapGet("/dashboard.json", (HttpContext context, RecentDecisions recent) =>
        {
            if (!TryBuild(context, recent, options, out var board, out _, out var problem))
            {
                return problem;
            }

            return Results.Text(DashboardJsonWriter.ToJson(board), "application/json; charset=utf-8");
        });
        return group;
    }

    private static void EnsurePolicyExists(IServiceProvider services, string policy)
    {
        var provider = services.GetService<IAuthorizationPolicyProvider>()
            ?? throw new InvalidOperationException($"The board's authorization policy '{policy}' needs services.AddAuthorization(...).");
        if (provider.GetPolicyAsync(policy).GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException($"The board's authorization policy '{policy}' is not registered with AddAuthorization.");
        }
    }

    private static bool TryBuild(
        HttpContext context,
        RecentDecisions recent,
        DecisioningBoardOptions options,
        out Decisioning.Reporting.Model.Dashboard board,
        out BoardLanguage language,
        out IResult problem)
    {
        board = null!;
        problem = Results.Empty;
        var query = context.Request.Query;
        var periodText = query["period"].FirstOrDefault() ?? options.Period;
        language = options.Language;
        if (query["lang"].FirstOrDefault() is { } lang && !BoardLanguages.TryParse(lang, out language))
        {
            problem = Results.BadRequest(new { error = $"lang '{lang}' must be en or zh" });
            return false;
        }

        if (!AttributionWindow.TryParse(periodText, out var period) || !AttributionWindow.TryParse(options.Window, out var window))
        {
            problem = Results.BadRequest(new { error = $"period '{periodText}' is not a duration such as 1d, 12h or 90m" });
            return false;
        }

        var boardOptions = new BoardOptions
        {
            Period = period,
            Window = window,
            ChannelCapacity = new Dictionary<string, long>(options.ChannelCapacity, StringComparer.Ordinal),
        };
        try
        {
            if (options.FromHistory && context.RequestServices.GetService<IInteractionHistory>() is { } history)
            {
                // The history's lines, exactly as `decisioning dashboard --db` reads them.
                var span = Span(options, context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System);
                using var decisions = HistoryTransfer.DecisionStream(history, span);
                using var outcomes = HistoryTransfer.OutcomeStream(history, span);
                board = StrategyBoard.Build(decisions, outcomes, boardOptions);
            }
            else
            {
                var (decisions, outcomes) = recent.Snapshot();
                board = StrategyBoard.Build(decisions, outcomes, boardOptions);
            }

            return true;
        }
        catch (ArgumentException e)
        {
            problem = Results.BadRequest(new { error = e.Message });
            return false;
        }
    }

    // Everything recorded since now minus the span; null (all of it) without a span.
    private static HistoryQuery? Span(DecisioningBoardOptions options, TimeProvider clock) =>
        options.HistorySpan is { } text && AttributionWindow.TryParse(text, out var span)
            ? new HistoryQuery(From: clock.GetUtcNow().UtcDateTime - span.Length)
            : null;
}
