using Platform.Contracts.Households;
using Platform.Education.Domain;

namespace Platform.Education.Tests.Domain;

/// <summary>Students and cases for the rules' tests, on a fixed day (29 November 2026: school year from 1 September 2026).</summary>
internal static class Rules
{
    public static readonly DateOnly Today = new(2026, 11, 29);

    public static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    public static readonly ResponsiblePerson Township = new("张镇长", "乡镇长", null);

    public static readonly ResponsiblePerson HeadTeacher = new("李老师", "班主任", "13900001111");

    /// <summary>A child aged <paramref name="age"/> at the start of the school year (born in March).</summary>
    public static Student Child(int age, EnrolmentStatus enrolment = EnrolmentStatus.Unknown, string? health = "healthy", int? disability = null)
    {
        var student = new Student
        {
            Id = Guid.NewGuid(),
            HouseholdId = Guid.NewGuid(),
            IdNumber = "420325201403150011",
            Name = "王小明",
            Sex = Sex.Male,
            BirthDate = new DateOnly(2026 - age, 3, 15),
            VillageCode = "420325001001",
            TownshipCode = "420325001",
            Health = health,
            DisabilityGrade = disability,
            KnownSince = Now.AddDays(-30),
        };
        if (enrolment != EnrolmentStatus.Unknown)
        {
            student.ApplyRoll(new SchoolRoll(enrolment, null, "城关小学", SchoolStage.Primary, 1), Now.AddDays(-10));
        }

        return student;
    }

    public static DropoutCase OpenCase(Student student, DropoutTrigger trigger = DropoutTrigger.DroppedOut) =>
        DropoutCase.Open(student, trigger, "学校报送辍学", Township, HeadTeacher, "tests", Now.AddDays(-5));

    public static PersuasionVisit Visit(DropoutCase dropout, DateOnly on) => new()
    {
        Id = Guid.NewGuid(),
        CaseId = dropout.Id,
        VisitedOn = on,
        Line = ResponsibilityLine.Joint,
        Visitors = "张镇长、李老师",
        Note = "家长同意下周送孩子返校",
        RecordedBy = "tests",
        RecordedAt = Now,
    };
}
