using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Education.Domain;

namespace Platform.Education.Data;

internal sealed class FollowedHouseholdConfiguration : IEntityTypeConfiguration<FollowedHousehold>
{
    public void Configure(EntityTypeBuilder<FollowedHousehold> household)
    {
        household.ToTable("households");
        household.Property(h => h.Id).ValueGeneratedNever();
        household.Property(h => h.HouseholdNumber).HasMaxLength(30);
        household.Property(h => h.VillageCode).HasMaxLength(12);
        household.Property(h => h.TownshipCode).HasMaxLength(9);
    }
}

internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> student)
    {
        student.Property(s => s.Id).ValueGeneratedNever();
        student.Property(s => s.IdNumber).HasMaxLength(18);
        student.Property(s => s.Name).HasMaxLength(30);
        student.Property(s => s.VillageCode).HasMaxLength(12);
        student.Property(s => s.TownshipCode).HasMaxLength(9);
        student.Property(s => s.Health).HasMaxLength(20);
        student.Property(s => s.SchoolCode).HasMaxLength(20);
        student.Property(s => s.SchoolName).HasMaxLength(100);
        student.Ignore(s => s.IsCurrent);
        student.Ignore(s => s.MayBeTaughtAtHome);
        // School rolls are matched by ID number among the people still in their household.
        student.HasIndex(s => s.IdNumber).IsUnique().HasFilter("left_at IS NULL").HasDatabaseName("ux_students_current_id_number");
        student.HasIndex(s => s.HouseholdId);
        student.HasIndex(s => new { s.VillageCode, s.BirthDate });
    }
}

internal sealed class DropoutCaseConfiguration : IEntityTypeConfiguration<DropoutCase>
{
    public void Configure(EntityTypeBuilder<DropoutCase> dropout)
    {
        dropout.Property(c => c.Id).ValueGeneratedNever();
        dropout.Property(c => c.Reason).HasMaxLength(500);
        dropout.Property(c => c.OpenedBy).HasMaxLength(100);
        dropout.Property(c => c.ClosedBy).HasMaxLength(100);
        dropout.Property(c => c.OutcomeNote).HasMaxLength(500);
        dropout.Property(c => c.HomeTeacher).HasMaxLength(50);
        dropout.ComplexProperty(c => c.AdministrativeOfficer, Person);
        dropout.ComplexProperty(c => c.EducationOfficer, Person);
        dropout.Ignore(c => c.IsOpen);
        dropout.HasMany(c => c.Visits).WithOne().HasForeignKey(v => v.CaseId);
        dropout.Navigation(c => c.Visits).HasField("visits");
        dropout.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
        // One open case per child at a time.
        dropout.HasIndex(c => c.StudentId).IsUnique().HasFilter("closed_at IS NULL").HasDatabaseName("ux_dropout_cases_open_student");
        dropout.HasIndex(c => c.HouseholdId);
        dropout.HasIndex(c => c.OpenedAt).HasFilter("closed_at IS NULL").HasDatabaseName("ix_dropout_cases_open");
    }

    private static void Person(ComplexPropertyBuilder<ResponsiblePerson> person)
    {
        person.Property(p => p.Name).HasMaxLength(30);
        person.Property(p => p.Position).HasMaxLength(50);
        person.Property(p => p.Phone).HasMaxLength(20);
    }
}

internal sealed class PersuasionVisitConfiguration : IEntityTypeConfiguration<PersuasionVisit>
{
    public void Configure(EntityTypeBuilder<PersuasionVisit> visit)
    {
        visit.Property(v => v.Id).ValueGeneratedNever();
        visit.Property(v => v.Visitors).HasMaxLength(200);
        visit.Property(v => v.Note).HasMaxLength(1000);
        visit.Property(v => v.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class EducationGuaranteeConfiguration : IEntityTypeConfiguration<EducationGuarantee>
{
    public void Configure(EntityTypeBuilder<EducationGuarantee> guarantee)
    {
        guarantee.ToTable("education_guarantees");
        guarantee.HasKey(g => g.HouseholdId);
        guarantee.Property(g => g.Reason).HasMaxLength(500);
        guarantee.Ignore(g => g.Met);
        // Optimistic concurrency on PostgreSQL's row version: two cases of one household changing at once.
        guarantee.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> member)
    {
        member.ToTable("household_members");
        member.Property(m => m.Id).ValueGeneratedNever();
        member.Property(m => m.IdNumber).HasMaxLength(18);
        member.Property(m => m.Name).HasMaxLength(30);
        member.Ignore(m => m.IsCurrent);
        // Training results are matched by ID number among the people still in their household.
        member.HasIndex(m => m.IdNumber).IsUnique().HasFilter("left_at IS NULL").HasDatabaseName("ux_household_members_current_id_number");
        member.HasIndex(m => m.HouseholdId);
    }
}

internal sealed class AidGrantConfiguration : IEntityTypeConfiguration<AidGrant>
{
    public void Configure(EntityTypeBuilder<AidGrant> grant)
    {
        grant.Property(g => g.Id).ValueGeneratedNever();
        grant.Property(g => g.Term).HasMaxLength(11);
        grant.Property(g => g.Amount).HasPrecision(10, 2);
        grant.Property(g => g.Note).HasMaxLength(200);
        grant.Property(g => g.GrantedBy).HasMaxLength(100);
        grant.HasOne<Student>().WithMany().HasForeignKey(g => g.StudentId).OnDelete(DeleteBehavior.Restrict);
        // Never twice for the same policy, student and term.
        grant.HasIndex(g => new { g.Policy, g.StudentId, g.Term }).IsUnique().HasDatabaseName(AidGrantConfiguration.UniqueIndex);
        grant.HasIndex(g => new { g.Term, g.Policy });
        grant.HasIndex(g => g.HouseholdId);
    }

    public const string UniqueIndex = "ux_aid_grants_policy_student_term";
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> course)
    {
        course.Property(c => c.Id).ValueGeneratedNever();
        course.Property(c => c.Name).HasMaxLength(100);
        course.Property(c => c.Trade).HasMaxLength(50);
        course.Property(c => c.TownshipCode).HasMaxLength(9);
        course.Property(c => c.Organiser).HasMaxLength(100);
        course.Property(c => c.CreatedBy).HasMaxLength(100);
        // One course of a name per township and start day: a retried creation finds it.
        course.HasIndex(c => new { c.TownshipCode, c.Name, c.StartsOn }).IsUnique();
    }
}

internal sealed class TrainingEnrolmentConfiguration : IEntityTypeConfiguration<TrainingEnrolment>
{
    public void Configure(EntityTypeBuilder<TrainingEnrolment> enrolment)
    {
        enrolment.Property(e => e.Id).ValueGeneratedNever();
        enrolment.Property(e => e.VillageCode).HasMaxLength(12);
        enrolment.Property(e => e.TownshipCode).HasMaxLength(9);
        enrolment.Property(e => e.EnrolledBy).HasMaxLength(100);
        enrolment.Property(e => e.Certificate).HasMaxLength(50);
        enrolment.Ignore(e => e.IsCompleted);
        // Two completions of one enrolment at once: the second fails instead of announcing it twice.
        enrolment.Property<uint>("Version").IsRowVersion();
        enrolment.HasOne<TrainingCourse>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        enrolment.HasOne<HouseholdMember>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        // A member is on a course once: a result sent again finds the enrolment.
        enrolment.HasIndex(e => new { e.CourseId, e.MemberId }).IsUnique().HasDatabaseName(TrainingEnrolmentConfiguration.UniqueIndex);
        enrolment.HasIndex(e => e.HouseholdId);
        enrolment.HasIndex(e => e.VillageCode);
    }

    public const string UniqueIndex = "ux_training_enrolments_course_member";
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> facility)
    {
        facility.Property(f => f.Id).ValueGeneratedNever();
        facility.Property(f => f.Name).HasMaxLength(100);
        facility.Property(f => f.VillageCode).HasMaxLength(12);
        facility.Property(f => f.TownshipCode).HasMaxLength(9);
        facility.Property(f => f.CreatedBy).HasMaxLength(100);
        facility.HasIndex(f => new { f.Kind, f.VillageCode, f.Name }).IsUnique().HasDatabaseName(FacilityConfiguration.UniqueIndex);
        facility.HasIndex(f => f.TownshipCode);
    }

    public const string UniqueIndex = "ux_facilities_kind_village_name";
}
