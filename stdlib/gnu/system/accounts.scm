;;; User accounts and groups as data.

(define-module (gnu system accounts)
  #:use-module (guix records)
  #:export (user-account
            user-account?
            user-account-name
            user-account-password
            user-account-uid
            user-account-group
            user-account-supplementary-groups
            user-account-comment
            user-account-home-directory
            user-account-create-home-directory?
            user-account-shell
            user-account-system?
            user-account-location

            user-group
            user-group?
            user-group-name
            user-group-password
            user-group-id
            user-group-system?
            user-group-location

            default-shell))

(define (default-shell)
  "Return the login shell of accounts that name none."
  "/run/current-system/profile/bin/bash")

(define-record-type* <user-account> user-account
  make-user-account
  user-account?
  (name user-account-name)
  (password user-account-password (default #f))
  (uid user-account-uid (default #f))
  (group user-account-group)
  (supplementary-groups user-account-supplementary-groups (default '()))
  (comment user-account-comment (default ""))
  (home-directory user-account-home-directory (thunked)
                  (default (string-append "/home/"
                                          (user-account-name this-record))))
  (create-home-directory? user-account-create-home-directory? (default #t))
  (shell user-account-shell (default (default-shell)))
  (system? user-account-system? (default #f))
  (location user-account-location (innate)
            (default (%current-construction-location))))

(define-record-type* <user-group> user-group
  make-user-group
  user-group?
  (name user-group-name)
  (password user-group-password (default #f))
  (id user-group-id (default #f))
  (system? user-group-system? (default #f))
  (location user-group-location (innate)
            (default (%current-construction-location))))
