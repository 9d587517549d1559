import { APP_CONFIG } from '../../infrastructure/tokens';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../steps/reminder/automatic-reminders';

/** What the service's own reminders are set by, from the settings (REMINDER_POLICE_OUTCOME_MONTHS). */
export const REMINDER_SETTINGS = Symbol('REMINDER_SETTINGS');

export const reminderSettingsProvider = {
  provide: REMINDER_SETTINGS,
  useFactory: (config: { reminders?: ReminderSettings }): ReminderSettings => ({
    ...DEFAULT_REMINDER_SETTINGS,
    ...config.reminders,
  }),
  inject: [APP_CONFIG],
};
