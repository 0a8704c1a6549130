/**
 * Shared kernel: languages and localized text, typed ids, the clock, database bootstrap (embedded PostgreSQL
 * by default), web infrastructure (locale, errors, problem details, layout). Every module may use it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package fi.aspa.platform;
