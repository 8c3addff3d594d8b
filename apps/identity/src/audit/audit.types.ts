/** Everything identity audits; one spelling per action (`AuditRepository<AuditAction>`). */
export type AuditAction =
  | 'practice.created'
  | 'practice.security_updated'
  | 'login.succeeded'
  | 'login.failed'
  | 'logout'
  | 'session.role_switched'
  | 'session.reuse_detected'
  | 'invitation.created'
  | 'invitation.accepted'
  | 'membership.roles_changed'
  | 'password.changed'
  | 'mfa.enrolled'
  | 'mfa.recovery_code_used';
