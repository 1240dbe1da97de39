;;; Secure shell daemons.

(define-module (gnu services ssh)
  #:use-module (guix records)
  #:use-module (guix gexp)
  #:use-module (srfi srfi-1)
  #:use-module (gnu services)
  #:use-module (gnu services shepherd)
  #:use-module (gnu packages ssh)
  #:export (openssh-service-type
            openssh-configuration
            openssh-configuration?
            openssh-configuration-openssh
            openssh-configuration-port-number
            openssh-configuration-permit-root-login
            openssh-configuration-password-authentication?
            openssh-configuration-authorized-keys
            openssh-configuration-extra-content
            openssh-configuration->sshd-config
            dropbear-service-type
            dropbear-configuration
            openssh-service))

(define-record-type* <openssh-configuration> openssh-configuration
  make-openssh-configuration
  openssh-configuration?
  (openssh openssh-configuration-openssh (default openssh))
  (pid-file openssh-configuration-pid-file (default "/var/run/sshd.pid"))
  (port-number openssh-configuration-port-number (default 22))
  (max-connections openssh-configuration-max-connections (default 200))
  (permit-root-login openssh-configuration-permit-root-login (default #f))
  (allow-empty-passwords? openssh-configuration-allow-empty-passwords?
                          (default #f))
  (password-authentication? openssh-configuration-password-authentication?
                            (default #t))
  (public-key-authentication? openssh-configuration-public-key-authentication?
                              (default #t))
  (x11-forwarding? openssh-configuration-x11-forwarding? (default #f))
  (allow-agent-forwarding? openssh-configuration-allow-agent-forwarding?
                           (default #t))
  (allow-tcp-forwarding? openssh-configuration-allow-tcp-forwarding?
                         (default #t))
  (gateway-ports? openssh-configuration-gateway-ports? (default #f))
  (challenge-response-authentication?
   openssh-challenge-response-authentication? (default #f))
  (use-pam? openssh-configuration-use-pam? (default #t))
  (print-last-log? openssh-configuration-print-last-log? (default #t))
  (subsystems openssh-configuration-subsystems
              (default '(("sftp" "internal-sftp"))))
  (accepted-environment openssh-configuration-accepted-environment
                        (default '()))
  (log-level openssh-configuration-log-level (default 'info))
  (extra-content openssh-configuration-extra-content (default ""))
  (authorized-keys openssh-configuration-authorized-keys (default '()))
  (generate-host-keys? openssh-configuration-generate-host-keys?
                       (default #t)))

(define (yes/no value)
  (if value "yes" "no"))

(define (openssh-configuration->sshd-config config)
  "Return the text of the sshd_config file CONFIG describes."
  (string-append
   "Port " (number->string (openssh-configuration-port-number config)) "\n"
   "PermitRootLogin "
   (let ((permit (openssh-configuration-permit-root-login config)))
     (cond ((eq? permit 'prohibit-password) "prohibit-password")
           ((eq? permit 'without-password) "prohibit-password")
           (else (yes/no permit))))
   "\n"
   "PermitEmptyPasswords "
   (yes/no (openssh-configuration-allow-empty-passwords? config)) "\n"
   "PasswordAuthentication "
   (yes/no (openssh-configuration-password-authentication? config)) "\n"
   "PubkeyAuthentication "
   (yes/no (openssh-configuration-public-key-authentication? config)) "\n"
   "X11Forwarding " (yes/no (openssh-configuration-x11-forwarding? config))
   "\n"
   "UsePAM " (yes/no (openssh-configuration-use-pam? config)) "\n"
   "PidFile " (openssh-configuration-pid-file config) "\n"
   "LogLevel " (string-upcase
                (symbol->string (openssh-configuration-log-level config)))
   "\n"
   (string-concatenate
    (map (lambda (subsystem)
           (string-append "Subsystem " (car subsystem) " "
                          (cadr subsystem) "\n"))
         (openssh-configuration-subsystems config)))
   (openssh-configuration-extra-content config)))

(define (openssh-shepherd-service config)
  "Return the shepherd service running sshd as CONFIG says."
  (shepherd-service
    (documentation "OpenSSH server.")
    (provision '(ssh-daemon ssh sshd))
    (requirement '(syslogd loopback))
    (start #~(make-forkexec-constructor
              (list #$(file-append (openssh-configuration-openssh config)
                                   "/sbin/sshd")
                    "-D" "-f" "/etc/ssh/sshd_config")
              #:pid-file #$(openssh-configuration-pid-file config)))
    (stop #~(make-kill-destructor))
    (auto-start? #t)))

(define-record-type* <openssh-extension> %openssh-extension
  make-openssh-extension
  openssh-extension?
  (authorized-keys openssh-extension-authorized-keys (default '())))

(define openssh-service-type
  (service-type
    (name 'openssh)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda (config)
                                (list (openssh-shepherd-service config))))
           (service-extension etc-service-type
                              (lambda (config)
                                (list (list "ssh/sshd_config"
                                            (openssh-configuration->sshd-config
                                             config)))))
           (service-extension activation-service-type
                              (lambda (config)
                                '((ssh-host-keys))))
           (service-extension profile-service-type
                              (lambda (config)
                                (list (openssh-configuration-openssh
                                       config))))))
    (compose concatenate)
    (extend (lambda (config keys)
              (openssh-configuration
                (inherit config)
                (authorized-keys
                 (append (openssh-configuration-authorized-keys config)
                         keys)))))
    (default-value (openssh-configuration))
    (description "The OpenSSH secure shell daemon, sshd.")))

(define* (openssh-service #:key (port-number 22) (permit-root-login #f)
                          (password-authentication? #t))
  "Return an OpenSSH service (deprecated: use openssh-service-type)."
  ((python-ref (python-import "oscdsl.os.host") "deprecation_warning")
   'openssh-service "(service openssh-service-type ...)")
  (service openssh-service-type
           (openssh-configuration
             (port-number port-number)
             (permit-root-login permit-root-login)
             (password-authentication? password-authentication?))))

(define-record-type* <dropbear-configuration> dropbear-configuration
  make-dropbear-configuration
  dropbear-configuration?
  (dropbear dropbear-configuration-dropbear (default dropbear))
  (port-number dropbear-configuration-port-number (default 22))
  (root-login? dropbear-configuration-root-login? (default #f)))

(define dropbear-service-type
  (service-type
    (name 'dropbear)
    (extensions '())
    (default-value (dropbear-configuration))
    (description "The Dropbear SSH daemon.")))
