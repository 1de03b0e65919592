"""Union building records: organisations and coverage (`orgs`), yearly checks (`checks`), members and
enrolment drives (`members`), service requests (`services`), friendly partners (`partners`) and the
figures the office reports (`figures`). Every write goes through `app.store.changes`."""
