using System.Globalization;
using Platform.Contracts;
using Platform.Industry.Common;
using Platform.Industry.Data;
using Platform.Industry.Domain;
using Platform.Industry.Income;
using Platform.ServiceDefaults;

namespace Platform.Industry.Projects;

/// <summary>产业到户: a member of a registered household, the industry, what and how big, the year and the subsidy policy.</summary>
public sealed record ProjectRequest(Guid? MemberId, string? Industry, string? Model, string? Description, decimal? Scale, int? Year, string? Policy);

/// <summary>A project request that passed its checks, with the subsidy the policy gives it.</summary>
public sealed record ProjectSubmission(IndustryDefinition Industry, string? Model, string Description, decimal Scale, int Year, SubsidyPolicy Policy, decimal Subsidy);

/// <summary>
/// Checks projects against the configured policies and writes them with their subsidy's income record (a transfer
/// not counted toward stable income) inside the caller's unit of work. Used by the portal and the agriculture feed.
/// </summary>
public sealed class ProjectLedger(IndustryDbContext db, IndustryCatalogue catalogue, IncomeReports income, TimeProvider clock)
{
    public ProjectSubmission? Validate(ProjectRequest request, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var industry = catalogue.RequireIndustry(request.Industry, "industry", errors);
        var model = catalogue.OptionalModel(request.Model, "model", errors);
        var description = Input.Required(request.Description, ProjectRules.MaxDescriptionLength, "description", "项目内容", errors);
        var policy = catalogue.Policy(request.Policy);
        if (policy is null)
        {
            FieldErrors.Add(errors, "policy", $"奖补政策应为：{string.Join("、", catalogue.Policies.Select(p => $"{p.Code}（{p.Name}）"))}");
        }

        if (request.Year is not { } year)
        {
            FieldErrors.Add(errors, "year", "请填写项目年度");
            year = 0;
        }
        else if (ProjectRules.Year(year, clock.Today()) is { Succeeded: false } wrongYear)
        {
            FieldErrors.Add(errors, wrongYear.Field!, wrongYear.Error!);
        }

        if (request.Scale is null)
        {
            FieldErrors.Add(errors, "scale", "请填写规模");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var subsidy = ProjectRules.Subsidy(policy!, industry!, request.Scale!.Value, out var amount);
        if (!subsidy.Succeeded)
        {
            FieldErrors.Add(errors, subsidy.Field!, subsidy.Error!);
            return null;
        }

        return new ProjectSubmission(industry!, model, description, request.Scale.Value, year, policy!, amount);
    }

    public IndustryProject Create(Guid householdId, Guid memberId, ProjectSubmission submission, string actor, out IndustryIncome record)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var now = clock.GetUtcNow();
        var project = new IndustryProject
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = householdId,
            MemberId = memberId,
            Industry = submission.Industry.Code,
            Model = submission.Model,
            Description = submission.Description,
            Scale = submission.Scale,
            Year = submission.Year,
            Policy = submission.Policy.Code,
            Subsidy = submission.Subsidy,
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.Projects.Add(project);
        record = income.Record(project.Id, IncomeSource.ProjectSubsidy, householdId, memberId, project.Year, project.Subsidy, Description(submission));
        return project;
    }

    /// <summary>Whether a project sent again says something else (then it is corrected).</summary>
    public static bool Differs(IndustryProject project, ProjectSubmission submission) =>
        project.Scale != submission.Scale || project.Description != submission.Description || project.Model != submission.Model || project.Industry != submission.Industry.Code;

    /// <summary>Corrects scale, description and model; a changed subsidy reports the same record again.</summary>
    public void Correct(IndustryProject project, IndustryIncome record, ProjectSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(submission);
        project.Industry = submission.Industry.Code;
        project.Scale = submission.Scale;
        project.Description = submission.Description;
        project.Model = submission.Model;
        if (project.Subsidy != submission.Subsidy || record.Description != Description(submission))
        {
            project.Subsidy = submission.Subsidy;
            income.Correct(record, project.Year, submission.Subsidy, Description(submission));
        }
    }

    private static string Description(ProjectSubmission s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Policy.Name} {s.Year}年（{s.Industry.Name} {s.Scale:0.##}{s.Industry.Unit}）");
}
