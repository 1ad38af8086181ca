/** The texts auth sends; English, each with the code or the link. */
export const messages = {
  phoneCode: (code: string) => `Your Seed verification code is ${code}. It expires in 5 minutes.`,
  verifyEmail: (link: string) => ({
    subject: 'Confirm your email address',
    text: `Welcome to Seed!\n\nConfirm your email address by opening this link (valid for 48 hours):\n${link}\n\nIf you did not sign up, ignore this email.`,
  }),
  resetPassword: (link: string) => ({
    subject: 'Reset your password',
    text: `Someone asked to reset the password of your Seed account.\n\nOpen this link within 1 hour to choose a new password:\n${link}\n\nIf it was not you, ignore this email; your password stays as it is.`,
  }),
};

export const linkWithToken = (base: string, token: string): string => {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.toString();
};
